#include "accounts/account_crypto.hpp"

#include <sodium.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace goldthread::accounts {
namespace {

std::atomic<bool> g_fast{false};
std::atomic<long long> g_offset_s{0};

void ensure_sodium() {
  static const bool ok = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    const char* env = std::getenv("GOLDTHREAD_PASSWORD_HASH");
    if (env && std::string(env) == "fast") g_fast = true;
    return true;
  }();
  (void)ok;
}

std::string hex(const unsigned char* b, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b, n);
  out.pop_back();
  return out;
}

}  // namespace

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), bytes);
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string sha256_hex(std::string_view data) {
  ensure_sodium();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return hex(h, sizeof h);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  ensure_sodium();
  // HMAC-SHA-256 accepts any key length; libsodium hashes longer keys itself.
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, mac);
  return hex(mac, sizeof mac);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {
std::string hash_with(const std::string& password, bool fast) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  auto ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  auto mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}
}  // namespace

std::string hash_password(const std::string& password) {
  ensure_sodium();
  return hash_with(password, g_fast);
}

bool verify_password(const std::string& hash, const std::string& password) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

namespace {

struct HashParams {
  int alg = crypto_pwhash_ALG_ARGON2ID13;
  unsigned long long ops = 0;
  std::size_t mem = 0;
};

// The parameters of an encoded hash: "$argon2id$v=19$m=65536,t=2,p=1$salt$hash".
std::optional<HashParams> params_of(const std::string& hash) {
  HashParams p;
  if (hash.rfind("$argon2id$", 0) == 0)
    p.alg = crypto_pwhash_ALG_ARGON2ID13;
  else if (hash.rfind("$argon2i$", 0) == 0)
    p.alg = crypto_pwhash_ALG_ARGON2I13;
  else
    return std::nullopt;
  auto at = hash.find("$m=");
  if (at == std::string::npos) return std::nullopt;
  unsigned long long m = 0, t = 0;
  unsigned par = 0;
  if (std::sscanf(hash.c_str() + at, "$m=%llu,t=%llu,p=%u$", &m, &t, &par) != 3 || par != 1) return std::nullopt;
  constexpr unsigned long long kMaxKiB = 1024ull * 1024;  // 1 GiB: beyond anything we store
  if (m < crypto_pwhash_MEMLIMIT_MIN / 1024 || m > kMaxKiB || t < crypto_pwhash_OPSLIMIT_MIN || t > 64)
    return std::nullopt;
  p.ops = t;
  p.mem = static_cast<std::size_t>(m) * 1024;
  return p;
}

std::string current_params_hash() {
  return hash_with("goldthread-dummy-password", g_fast);
}

}  // namespace

std::string dummy_hash_like(const std::string& sample) {
  ensure_sodium();
  static std::mutex mu;
  static std::map<std::string, std::string> by_params;  // GUARDED_BY(mu); a handful of entries
  auto p = params_of(sample);
  std::string key = p ? sample.substr(0, sample.find('$', sample.find("$m=") + 1)) : (g_fast ? "fast" : "default");
  std::lock_guard lock(mu);
  auto it = by_params.find(key);
  if (it != by_params.end()) return it->second;
  std::string dummy;
  if (p) {
    char out[crypto_pwhash_STRBYTES];
    static const std::string kDummy = "goldthread-dummy-password";
    if (crypto_pwhash_str_alg(out, kDummy.data(), kDummy.size(), p->ops, p->mem, p->alg) == 0) dummy = out;
  }
  if (dummy.empty()) dummy = current_params_hash();
  if (by_params.size() > 16) by_params.clear();
  return by_params.emplace(key, dummy).first->second;
}

void verify_dummy_password(const std::string& password, const std::string& sample_hash) {
  (void)verify_password(dummy_hash_like(sample_hash), password);
}

bool password_needs_rehash(const std::string& hash) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  auto ops = g_fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  auto mem = g_fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  return crypto_pwhash_str_needs_rehash(hash.c_str(), ops, mem) != 0;
}

void set_fast_password_hashing(bool fast) {
  ensure_sodium();
  g_fast = fast;
}

std::chrono::system_clock::time_point now() {
  return std::chrono::system_clock::now() + std::chrono::seconds(g_offset_s.load());
}

std::string iso(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string iso_now() {
  return iso(now());
}
std::string iso_in(std::chrono::seconds offset) {
  return iso(now() + offset);
}
void set_clock_offset_for_test(std::chrono::seconds offset) {
  g_offset_s = offset.count();
}

}  // namespace goldthread::accounts
