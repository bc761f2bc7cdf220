// E-mail addresses over HTTP on SQLite and PostgreSQL: sign-up and a change of address are
// confirmed by a link sent to the address (through core::mail), a change needs the current
// password, and the profile form answers the same whether or not an address is taken.
#include <gtest/gtest.h>

#include "accounts/accounts_test_support.hpp"
#include "core/mail.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;

class AccountsEmail : public goldthread::testing::SharedServerTest<AccountsEmail> {
 protected:
  static void SetUpTestSuite() {
    use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
  }
  core::Database& db() { return server_->app().db(); }
  Client client() { return Client{server_->port(), {}}; }
  static std::string new_email() { return "mailbox" + std::to_string(++n_) + "@example.com"; }
  std::vector<core::mail::Stored> mail_to(const std::string& to) {
    auto conn = db().acquire();
    return core::mail::for_recipient(*conn, to);
  }
  // The /verify-email/… path in the newest message to `to` ("" when there is none).
  std::string link_in_mail(const std::string& to) {
    auto all = mail_to(to);
    if (all.empty()) return "";
    auto at = all.back().text.find("/verify-email/");
    return at == std::string::npos ? "" : all.back().text.substr(at, 14 + 43);
  }
  static bool verified(Client& c) {
    return nlohmann::json::parse(c.get("/account", true).body)["user"]["email_verified"].get<bool>();
  }
  static std::string email_of(Client& c) {
    return nlohmann::json::parse(c.get("/account", true).body)["user"]["email"].get<std::string>();
  }
  static int n_;
};
int AccountsEmail::n_ = 0;

TEST_F(AccountsEmail, ANewAccountIsMarkedUnconfirmedUntilTheLinkSentToItIsOpened) {
  auto email = new_email();
  auto c = client();
  ASSERT_EQ(c.submit("/sign-up", "name=Ann+Smith&email=" + email + "&password=" + kPassword).status, 200);
  ASSERT_TRUE(c.sign_in(email));
  EXPECT_FALSE(verified(c));
  auto page = c.get("/account");
  EXPECT_NE(page.body.find("You have not confirmed your e-mail address"), std::string::npos);
  EXPECT_NE(page.body.find("Not confirmed"), std::string::npos);
  auto link = link_in_mail(email);
  ASSERT_FALSE(link.empty());
  EXPECT_EQ(client().get(link).status, 200);  // opening the link in another browser works too
  auto other = client();
  auto done = other.submit(link, "");
  EXPECT_EQ(done.status, 200);
  EXPECT_NE(done.body.find("Your e-mail address is confirmed"), std::string::npos);
  EXPECT_TRUE(verified(c));
  EXPECT_EQ(c.get("/account").body.find("Not confirmed"), std::string::npos);
  EXPECT_EQ(client().get(link).status, 404);  // single use
  EXPECT_EQ(client().get("/verify-email/not-a-real-token").status, 404);
}

TEST_F(AccountsEmail, AnUnconfirmedAccountCanAskForANewLinkAndTheOldOneStopsWorking) {
  auto email = new_email();
  auto c = client();
  ASSERT_EQ(c.submit("/sign-up", "name=Bo&email=" + email + "&password=" + kPassword).status, 200);
  ASSERT_TRUE(c.sign_in(email));
  auto first = link_in_mail(email);
  auto r = c.submit("/account/verify-email", "");
  EXPECT_EQ(r.status, 200);
  auto second = link_in_mail(email);
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(client().get(first).status, 404);
  EXPECT_EQ(client().submit(second, "").status, 200);
  EXPECT_TRUE(verified(c));
}

TEST_F(AccountsEmail, ChangingTheAddressNeedsTheCurrentPasswordAndTakesEffectWhenTheLinkIsOpened) {
  auto email = new_email(), next = new_email();
  make_user(db(), email);
  auto c = signed_in_client(server_->port(), email);
  auto none = c.submit("/account/profile", "name=Ann&email=" + next);
  EXPECT_EQ(none.status, 400);
  EXPECT_NE(none.body.find("href=\"#current_password\""), std::string::npos);
  auto wrong = c.submit("/account/profile", "name=Ann&email=" + next + "&current_password=not-my-password");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("Your current password is not correct"), std::string::npos);
  EXPECT_TRUE(mail_to(next).empty());

  auto ok = c.submit("/account/profile", "name=Ann&email=" + next + "&current_password=" + kPassword);
  ASSERT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("Check your e-mail"), std::string::npos);
  EXPECT_EQ(email_of(c), email);  // not changed yet
  auto link = link_in_mail(next);
  ASSERT_FALSE(link.empty());
  EXPECT_EQ(client().submit(link, "").status, 200);
  EXPECT_EQ(email_of(c), next);
  EXPECT_TRUE(verified(c));
  EXPECT_EQ(mail_to(email).back().subject, "Your e-mail address has been changed");
  EXPECT_TRUE(client().sign_in(next));
  EXPECT_FALSE(client().sign_in(email));
  // A name alone needs no password.
  EXPECT_EQ(c.submit("/account/profile", "name=Ann+Jones&email=" + next).status, 303);
}

TEST_F(AccountsEmail, TheProfileFormAnswersTheSameWhetherOrNotTheAddressIsTaken) {
  auto ann = new_email(), bob = new_email(), fresh = new_email();
  make_user(db(), ann);
  make_user(db(), bob);
  auto c = signed_in_client(server_->port(), ann);
  auto form = [&](const std::string& to) { return "name=Ann&email=" + to + "&current_password=" + kPassword; };
  auto taken = c.submit("/account/profile", form(bob));
  auto free = c.submit("/account/profile", form(fresh));
  EXPECT_EQ(taken.status, free.status);
  auto strip = [](std::string body, const std::string& address) {
    for (auto at = body.find(address); at != std::string::npos; at = body.find(address))
      body.replace(at, address.size(), "X");
    auto main = body.find("<main");
    return main == std::string::npos ? body : body.substr(main, body.find("</main>") - main);
  };
  EXPECT_EQ(strip(taken.body, bob), strip(free.body, fresh));
  auto taken_json = c.submit("/account/profile", form(bob), true);
  auto free_json = c.submit("/account/profile", form(fresh), true);
  EXPECT_EQ(taken_json.status, 200);
  EXPECT_EQ(taken_json.body, free_json.body);
  // Bob is told, and gets no link; Ann's address stays hers.
  auto to_bob = mail_to(bob);
  ASSERT_FALSE(to_bob.empty());
  EXPECT_EQ(to_bob.back().subject, "Someone tried to use your e-mail address");
  EXPECT_EQ(to_bob.back().text.find("/verify-email/"), std::string::npos);
  EXPECT_EQ(email_of(c), ann);
  // Probing is limited: a sixth request within the hour is refused.
  EXPECT_EQ(c.submit("/account/profile", form(new_email())).status, 200);
  EXPECT_EQ(c.submit("/account/profile", form(new_email())).status, 429);
}

TEST_F(AccountsEmail, AnAddressTakenBeforeTheLinkIsOpenedIsNotMovedOnto) {
  auto ann = new_email(), wanted = new_email();
  make_user(db(), ann);
  auto c = signed_in_client(server_->port(), ann);
  ASSERT_EQ(c.submit("/account/profile", "name=Ann&email=" + wanted + "&current_password=" + kPassword).status, 200);
  auto link = link_in_mail(wanted);
  ASSERT_FALSE(link.empty());
  make_user(db(), wanted);  // someone else signs up with it meanwhile
  EXPECT_EQ(client().submit(link, "").status, 409);
  EXPECT_EQ(email_of(c), ann);
}

}  // namespace
}  // namespace goldthread::accounts
