#pragma once
// Randomness, hashing and the clock for accounts. Thread-safe (libsodium is initialised once).
#include <chrono>
#include <string>
#include <string_view>

namespace goldthread::accounts {

// `bytes` random bytes as unpadded base64url (32 bytes → 43 characters).
std::string random_token(std::size_t bytes = 32);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
bool constant_time_equal(std::string_view a, std::string_view b);

// argon2id through crypto_pwhash_str; see docs/DECISIONS.md ("Accounts") for the parameters.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
// Spends the time of one verification, so an unknown e-mail answers like a wrong password.
// The dummy hash has the argon2 parameters of `sample_hash` (a stored hash, see
// store::sample_password_hash), so a change of settings does not make unknown accounts
// answer faster or slower than known ones; the current settings when it has none.
void verify_dummy_password(const std::string& password, const std::string& sample_hash);
// The dummy hash verify_dummy_password uses for `sample_hash` (cached per parameters).
std::string dummy_hash_like(const std::string& sample_hash);
// True when `hash` was made with other argon2 settings than hash_password uses now.
bool password_needs_rehash(const std::string& hash);
void set_fast_password_hashing(bool fast);

// The clock (UTC); tests move it with set_clock_offset_for_test.
std::chrono::system_clock::time_point now();
std::string iso(std::chrono::system_clock::time_point t);  // "2026-11-23T07:10:00Z"
std::string iso_now();
std::string iso_in(std::chrono::seconds offset);  // now + offset
void set_clock_offset_for_test(std::chrono::seconds offset);

}  // namespace goldthread::accounts
