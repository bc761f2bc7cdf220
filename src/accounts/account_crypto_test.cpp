// The dummy hash for unknown accounts follows the parameters of stored hashes (issue 10.9).
#include "accounts/account_crypto.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace goldthread::accounts {
namespace {

std::string params(const std::string& hash) {
  return hash.substr(0, hash.find('$', hash.find("$m=") + 1));
}

TEST(DummyHash, HasTheParametersOfTheStoredHashItIsGiven) {
  set_fast_password_hashing(true);
  char stored[crypto_pwhash_STRBYTES];
  // Settings that are neither today's default nor the test setting: a hash from another era.
  ASSERT_EQ(crypto_pwhash_str_alg(stored, "secret", 6, 3, 16u * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13), 0);
  ASSERT_EQ(params(stored), "$argon2id$v=19$m=16384,t=3,p=1");
  EXPECT_EQ(params(dummy_hash_like(stored)), "$argon2id$v=19$m=16384,t=3,p=1");
  EXPECT_FALSE(verify_password(dummy_hash_like(stored), "secret"));
  // Without a stored hash (or with one it cannot read): today's settings.
  auto now = params(hash_password("another-secret"));
  EXPECT_EQ(params(dummy_hash_like("")), now);
  EXPECT_EQ(params(dummy_hash_like("$2b$12$bcrypt-looking")), now);
}

TEST(PasswordRehash, OnlyHashesWithOtherSettingsNeedIt) {
  set_fast_password_hashing(true);
  EXPECT_FALSE(password_needs_rehash(hash_password("a-long-password")));
  char old[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(old, "x", 1, 3, 16u * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13), 0);
  EXPECT_TRUE(password_needs_rehash(old));
}

}  // namespace
}  // namespace goldthread::accounts
