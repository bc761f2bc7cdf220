// The MIME message and the back-off schedule (no database, no network).
#include "core/mail.hpp"

#include <gtest/gtest.h>

namespace goldthread::core::mail {
namespace {

Stored message(std::string subject, std::string text, std::string html = "") {
  Stored m;
  m.id = 1;
  m.to = "ann@example.com";
  m.subject = std::move(subject);
  m.text = std::move(text);
  m.html = std::move(html);
  m.message_id = "<abc@example.com>";
  return m;
}

std::string headers_of(const std::string& mime) {
  return mime.substr(0, mime.find("\r\n\r\n") + 2);
}

TEST(MailMime, APlainMessageHasEveryHeaderAndATextPartWithCrlfLines) {
  auto mime = build_mime(message("Reset your password", "Hello,\nopen this link:\nhttp://x/reset-password/t"),
                         "Essex <noreply@essex.example>", "Tue, 01 Dec 2026 09:00:00 +0000");
  auto h = headers_of(mime);
  EXPECT_NE(h.find("Date: Tue, 01 Dec 2026 09:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(h.find("From: Essex <noreply@essex.example>\r\n"), std::string::npos);
  EXPECT_NE(h.find("To: ann@example.com\r\n"), std::string::npos);
  EXPECT_NE(h.find("Subject: Reset your password\r\n"), std::string::npos);
  EXPECT_NE(h.find("Message-ID: <abc@example.com>\r\n"), std::string::npos);
  EXPECT_NE(h.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(h.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(h.find("Content-Transfer-Encoding: 7bit\r\n"), std::string::npos);
  EXPECT_NE(mime.find("\r\n\r\nHello,\r\nopen this link:\r\nhttp://x/reset-password/t\r\n"), std::string::npos);
  EXPECT_EQ(mime.find("multipart"), std::string::npos);
}

TEST(MailMime, ANonAsciiSubjectIsEncodedAndTheBodyIsQuotedPrintable) {
  auto mime = build_mime(message("Café été — réunion", "Bonjour à tous = merci"), "a@b.example", "d");
  auto h = headers_of(mime);
  EXPECT_NE(h.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(h.find("Café"), std::string::npos);
  EXPECT_NE(h.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos);
  EXPECT_NE(mime.find("Bonjour =C3=A0 tous =3D merci\r\n"), std::string::npos);
}

TEST(MailMime, EncodedWordsSplitBetweenCharactersAndStayShort) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "é";  // 80 bytes
  auto enc = encode_header_value(subject);
  EXPECT_NE(enc.find("\r\n =?UTF-8?B?"), std::string::npos);  // folded into several words
  for (std::size_t pos = 0; pos < enc.size();) {
    auto end = enc.find("\r\n", pos);
    auto line = enc.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    EXPECT_LE(line.size(), 76u) << line;
    pos = end == std::string::npos ? enc.size() : end + 2;
  }
  EXPECT_EQ(encode_header_value("plain"), "plain");
}

TEST(MailMime, HeaderInjectionThroughTheSubjectIsImpossible) {
  auto mime = build_mime(message("Hi\r\nBcc: victim@example.com", "x"), "a@b.example", "d");
  EXPECT_EQ(mime.find("\r\nBcc:"), std::string::npos);
}

TEST(MailMime, WithHtmlTheMessageIsMultipartAlternativeTextFirst) {
  auto mime = build_mime(message("News", "Plain words", "<p>Rich words</p>"), "a@b.example", "d");
  auto h = headers_of(mime);
  const std::string lead = "Content-Type: multipart/alternative; boundary=\"";
  auto ct = h.find(lead);
  ASSERT_NE(ct, std::string::npos);
  auto b0 = ct + lead.size(), b1 = h.find('"', b0);
  auto boundary = h.substr(b0, b1 - b0);
  auto text = mime.find("--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8");
  auto html = mime.find("--" + boundary + "\r\nContent-Type: text/html; charset=utf-8");
  ASSERT_NE(text, std::string::npos);
  ASSERT_NE(html, std::string::npos);
  EXPECT_LT(text, html);
  EXPECT_NE(mime.find("Plain words"), std::string::npos);
  EXPECT_NE(mime.find("<p>Rich words</p>"), std::string::npos);
  EXPECT_NE(mime.find("--" + boundary + "--\r\n"), std::string::npos);
}

TEST(MailMime, LongLinesAreSoftBrokenInQuotedPrintable) {
  std::string line(300, 'x');
  auto mime = build_mime(message("s", line + "é", "<p>h</p>"), "a@b.example", "d");
  for (std::size_t pos = 0; pos < mime.size();) {
    auto end = mime.find("\r\n", pos);
    if (end == std::string::npos) break;
    EXPECT_LE(end - pos, 998u);
    if (mime.compare(pos, 4, "xxxx") == 0) {
      EXPECT_LE(end - pos, 76u);
    }
    pos = end + 2;
  }
}

TEST(MailMime, DatesAreRfc5322) {
  // 2026-12-01T09:05:07Z
  auto t = std::chrono::system_clock::from_time_t(1796115907);
  EXPECT_EQ(rfc5322_date(t), "Tue, 01 Dec 2026 09:05:07 +0000");
}

TEST(MailBackoff, DoublesFromTheBaseUpToTheCap) {
  SmtpConfig s;
  EXPECT_EQ(backoff(s, 1), std::chrono::seconds(30));
  EXPECT_EQ(backoff(s, 2), std::chrono::seconds(60));
  EXPECT_EQ(backoff(s, 5), std::chrono::seconds(480));
  EXPECT_EQ(backoff(s, 8), std::chrono::seconds(3600));
  EXPECT_EQ(backoff(s, 60), std::chrono::seconds(3600));
}

TEST(MailConfig, ReadsTheConfigurationAndRejectsAnUnknownSecurityMode) {
  Config cfg;
  EXPECT_FALSE(smtp_config(cfg).configured());
  cfg.smtp_host = "smtp.example.org";
  cfg.smtp_security = "tls";
  cfg.mail_from = "Essex <noreply@essex.example>";
  cfg.mail_retry_base_s = 5;
  auto s = smtp_config(cfg);
  EXPECT_TRUE(s.configured());
  EXPECT_EQ(s.effective_port(), 465);
  EXPECT_EQ(s.retry_base, std::chrono::seconds(5));
  EXPECT_EQ(check(s), "");
  s.security = "ssl";
  EXPECT_NE(check(s), "");
  s.security = "none";
  EXPECT_EQ(s.effective_port(), 25);
  s.from = "not an address";
  EXPECT_NE(check(s), "");
}

}  // namespace
}  // namespace goldthread::core::mail
