#include "accounts/account_rules.hpp"

#include <gtest/gtest.h>

#include "accounts/account_crypto.hpp"

namespace goldthread::accounts {
namespace {

std::vector<core::FieldError> password_errors(const std::string& pw, const std::string& email = "ann@example.com") {
  std::vector<core::FieldError> out;
  check_new_password(pw, email, "password", out);
  return out;
}

TEST(CheckNewPassword, RefusesShortCommonAndOwnEmail) {
  struct Case {
    std::string password;
    bool ok;
  };
  for (const auto& c : std::vector<Case>{{"", false},
                                         {"short", false},
                                         {"123456789", false},
                                         {"Password123", false},
                                         {"QWERTYUIOP", false},
                                         {"my ann@example.com pw", false},
                                         {std::string(300, 'x'), false},
                                         {"correct horse battery", true},
                                         {"tidal-lantern-mossy", true}})
    EXPECT_EQ(password_errors(c.password).empty(), c.ok) << c.password;
}

TEST(CheckEmail, AcceptsOrdinaryAddressesOnly) {
  for (std::string ok : {"ann@example.com", " Ann@Example.COM ", "a.b+c@sub.example.org"}) {
    std::vector<core::FieldError> e;
    check_email(ok, "email", e);
    EXPECT_TRUE(e.empty()) << ok;
  }
  for (std::string bad :
       {"", "ann", "ann@", "@example.com", "ann@example", "a b@example.com", "a@b@c.com", "ann@example."}) {
    std::vector<core::FieldError> e;
    check_email(bad, "email", e);
    ASSERT_EQ(e.size(), 1u) << bad;
    EXPECT_EQ(e[0].field, "email");
  }
  EXPECT_EQ(normalise_email("  Ann@Example.COM "), "ann@example.com");
}

TEST(CheckName, RefusesEmptyLongAndControlCharacters) {
  for (const std::string& bad : std::vector<std::string>{"", "   ", std::string(101, 'a'),
                                                         "a\x01"
                                                         "b"}) {
    std::vector<core::FieldError> e;
    check_name(bad, "name", e);
    EXPECT_EQ(e.size(), 1u);
  }
}

TEST(SafeNext, OnlyLocalPaths) {
  EXPECT_EQ(safe_next("/account/organisations?q=x"), "/account/organisations?q=x");
  for (std::string bad : {"", "https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)"})
    EXPECT_EQ(safe_next(bad), "/account") << bad;
}

TEST(MayAssign, OnlySiteAdminsManageAdmins) {
  core::Principal place;
  place.user_id = 1;
  place.roles = {core::Role::resident, core::Role::place_admin};
  EXPECT_TRUE(may_assign(place, core::Role::moderator));
  EXPECT_FALSE(may_assign(place, core::Role::site_admin));
  EXPECT_FALSE(may_assign(place, core::Role::place_admin));
  core::Principal site = place;
  site.roles = {core::Role::resident, core::Role::site_admin};
  EXPECT_TRUE(may_assign(site, core::Role::site_admin));
}

TEST(Crypto, TokensAreLongRandomAndHashesVerify) {
  auto a = random_token(32), b = random_token(32);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  set_fast_password_hashing(true);
  auto h = hash_password("tidal-lantern-mossy");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(h, "tidal-lantern-mossy"));
  EXPECT_FALSE(verify_password(h, "tidal-lantern-moss"));
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

}  // namespace
}  // namespace goldthread::accounts
