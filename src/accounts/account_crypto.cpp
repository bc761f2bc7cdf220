#include "accounts/account_crypto.hpp"

#include <sodium.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
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

void verify_dummy_password(const std::string& password) {
  ensure_sodium();
  if (g_fast) {
    static const std::string kDummyFast = hash_with("goldthread-dummy-password", true);
    (void)verify_password(kDummyFast, password);
  } else {
    static const std::string kDummy = hash_with("goldthread-dummy-password", false);
    (void)verify_password(kDummy, password);
  }
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

std::string iso_now() { return iso(now()); }
std::string iso_in(std::chrono::seconds offset) { return iso(now() + offset); }
void set_clock_offset_for_test(std::chrono::seconds offset) { g_offset_s = offset.count(); }

}  // namespace goldthread::accounts
