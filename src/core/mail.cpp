// core::mail: the outbox, the MIME message, SMTP delivery (libcurl) and the background sender.
#include "core/mail.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/log.hpp"
#include "core/mail_store.hpp"

namespace goldthread::core::mail {
namespace {

using Clock = std::chrono::system_clock;
// A message claimed longer ago than this (well past the SMTP timeout) lost its sender.
constexpr std::chrono::minutes kLease{10};

bool is_ascii(const std::string& s) {
  for (unsigned char ch : s)
    if (ch >= 0x80) return false;
  return true;
}

std::string random_hex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");  // idempotent
  std::vector<unsigned char> b(bytes);
  randombytes_buf(b.data(), b.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), b.data(), b.size());
  hex.pop_back();
  return hex;
}

std::string base64(const std::string& in) {
  std::string out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// The address inside "Name <a@b>", or the whole value.
std::string bare_address(const std::string& from) {
  auto lt = from.find('<'), gt = from.rfind('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) return from.substr(lt + 1, gt - lt - 1);
  return from;
}

std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos || at + 1 >= address.size() ? "localhost" : address.substr(at + 1);
}

// Lines split on LF (a CR before it dropped), for CRLF output.
std::vector<std::string> lines_of(const std::string& body) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : body) {
    if (ch == '\n') {
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(ch);
    }
  }
  if (!cur.empty() && cur.back() == '\r') cur.pop_back();
  out.push_back(std::move(cur));
  return out;
}

bool fits_7bit(const std::string& body) {
  if (!is_ascii(body)) return false;
  for (const auto& l : lines_of(body))
    if (l.size() > 900) return false;
  return true;
}

// RFC 2045 quoted-printable: lines of at most 76 characters, soft breaks "=", CRLF.
std::string quoted_printable(const std::string& body) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const auto& line : lines_of(body)) {
    std::size_t col = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      unsigned char ch = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      std::string piece;
      if ((ch >= 33 && ch <= 126 && ch != '=') || ((ch == ' ' || ch == '\t') && !last))
        piece.assign(1, static_cast<char>(ch));
      else
        piece = {'=', hex[ch >> 4], hex[ch & 15]};
      if (col + piece.size() > 75) {
        out += "=\r\n";
        col = 0;
      }
      out += piece;
      col += piece.size();
    }
    out += "\r\n";
  }
  return out;
}

std::string crlf(const std::string& body) {
  std::string out;
  for (const auto& l : lines_of(body)) out += l + "\r\n";
  return out;
}

void part(std::string& out, const std::string& type, const std::string& body, bool allow_7bit) {
  out += "Content-Type: " + type + "; charset=utf-8\r\n";
  if (allow_7bit && fits_7bit(body))
    out += "Content-Transfer-Encoding: 7bit\r\n\r\n" + crlf(body);
  else
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quoted_printable(body);
}

std::string one_line(const std::string& s) {
  std::string out = s;
  for (auto& ch : out)
    if (ch == '\r' || ch == '\n') ch = ' ';
  return out;
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::queued:
      return "queued";
    case Status::sending:
      return "sending";
    case Status::sent:
      return "sent";
    case Status::dead:
      return "dead";
  }
  return "queued";
}

bool parse_status(const std::string& s, Status& out) {
  for (auto st : {Status::queued, Status::sending, Status::sent, Status::dead})
    if (s == status_name(st)) {
      out = st;
      return true;
    }
  return false;
}

std::int64_t enqueue(Connection& c, const Message& m) {
  if (m.to.empty() || m.to.find_first_of("\r\n<>, \t") != std::string::npos || m.to.find('@') == std::string::npos)
    throw std::invalid_argument("core::mail::enqueue: not a single e-mail address");
  if (m.text.empty()) throw std::invalid_argument("core::mail::enqueue: every message needs a plain-text part");
  for (const auto& [name, value] : m.headers) {
    static const std::set<std::string> kOwn = {"date",         "from",        "to",  "subject",
                                               "message-id",   "mime-version", "cc", "bcc",
                                               "content-type", "content-transfer-encoding"};
    std::string lower;
    for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    bool name_ok = !name.empty() && name.size() <= 76 && !kOwn.contains(lower) &&
                   std::all_of(name.begin(), name.end(), [](char ch) {
                     return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-';
                   });
    if (!name_ok || value.find_first_of("\r\n") != std::string::npos || value.size() > 900)
      throw std::invalid_argument("core::mail::enqueue: not an extra header core may write: " + name);
  }
  Message clean = m;
  clean.subject = one_line(m.subject);
  auto id = store::insert(c, clean, "<" + random_hex(16) + "@" + domain_of(m.to) + ">", store::iso_ms(Clock::now()));
  // A message of a batch (a newsletter issue, a digest run) is not logged one by one: 100,000
  // lines would drown the log; the batch's own audit records tell of it once.
  if (m.batch.empty()) log::info("e-mail queued", {{"id", id}, {"to", m.to}, {"subject", clean.subject}});
  return id;
}

std::int64_t redact_person(Connection& c, const std::string& name, const std::string& email,
                           const std::string& as_name, const std::string& as_email) {
  return store::redact_person(c, name, email, as_name, as_email);
}

std::vector<Stored> for_recipient(Connection& c, const std::string& to) {
  return store::for_recipient(c, to);
}
std::optional<Stored> find(Connection& c, std::int64_t id) {
  return store::find(c, id);
}
Page list(Connection& c, const std::string& status, int page, int per_page) {
  return store::list(c, status, std::max(1, page), std::max(1, per_page));
}
BatchProgress batch_progress(Connection& c, const std::string& batch) {
  return store::batch_progress(c, batch);
}
std::int64_t count_with_status(Connection& c, Status s) {
  return store::count_with_status(c, status_name(s));
}

core::Status retry(Database& db, const audit::Actor& actor, std::int64_t id) {
  auto conn = db.acquire();
  Transaction tx(*conn);
  auto m = store::find(*conn, id);
  if (!m) return Error::not_found("There is no such message.");
  if (m->status != "dead") return Error::conflict("Only a message that could not be delivered can be retried.");
  if (!store::revive(*conn, id, store::iso_ms(Clock::now())))
    return Error::conflict("Only a message that could not be delivered can be retried.");
  audit::record(*conn, actor,
                {"retry", "mail", std::to_string(id),
                 audit::to_text({{"status", "dead"}, {"attempts", m->attempts}, {"last_error", m->last_error}}),
                 nlohmann::json{{"status", "queued"}, {"attempts", 0}}.dump()});
  tx.commit();
  return ok_status();
}

int SmtpConfig::effective_port() const {
  if (port > 0) return port;
  if (security == "tls") return 465;
  if (security == "none") return 25;
  return 587;
}

SmtpConfig smtp_config(const Config& cfg) {
  SmtpConfig s;
  s.host = cfg.smtp_host;
  s.port = cfg.smtp_port;
  s.security = cfg.smtp_security;
  s.username = cfg.smtp_username;
  s.password = cfg.smtp_password;
  s.ca_file = cfg.smtp_ca_file;
  s.from = cfg.mail_from;
  s.max_attempts = std::max(1, cfg.mail_max_attempts);
  s.retry_base = std::chrono::milliseconds(std::int64_t{cfg.mail_retry_base_s} * 1000);
  s.retry_max = std::chrono::milliseconds(std::int64_t{cfg.mail_retry_max_s} * 1000);
  return s;
}

std::string check(const SmtpConfig& s) {
  if (s.security != "none" && s.security != "starttls" && s.security != "tls")
    return "GOLDTHREAD_SMTP_SECURITY must be none, starttls or tls (got '" + s.security + "')";
  auto from = bare_address(s.from);
  if (from.find('@') == std::string::npos || from.find_first_of("\r\n<> ") != std::string::npos)
    return "GOLDTHREAD_MAIL_FROM must be an e-mail address, like noreply@example.org (got '" + s.from + "')";
  if (s.effective_port() > 65535) return "GOLDTHREAD_SMTP_PORT must be a port number";
  return "";
}

std::chrono::milliseconds backoff(const SmtpConfig& s, std::int64_t failed_attempts) {
  auto d = s.retry_base;
  for (std::int64_t i = 1; i < failed_attempts && d < s.retry_max; ++i) d *= 2;
  return std::min(d, s.retry_max);
}

std::string encode_header_value(const std::string& utf8) {
  if (is_ascii(utf8)) return utf8;
  // RFC 2047 encoded words of at most 45 bytes each (72 characters), split between characters.
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t end = std::min(utf8.size(), i + 45);
    while (end < utf8.size() && end > i && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string rfc5322_date(Clock::time_point t) {
  auto secs = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string build_mime(const Stored& m, const std::string& from, const std::string& date) {
  std::string out;
  out += "Date: " + date + "\r\n";
  out += "From: " + one_line(from) + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + encode_header_value(one_line(m.subject)) + "\r\n";
  out += "Message-ID: " + m.message_id + "\r\n";
  out += m.headers;  // checked by enqueue: "Name: value" lines, each ending in CRLF
  out += "MIME-Version: 1.0\r\n";
  if (m.html.empty()) {
    part(out, "text/plain", m.text, true);
    return out;
  }
  // "=_" never occurs in quoted-printable output, so the boundary cannot appear in a part.
  std::string boundary = "=_goldthread_" + random_hex(12);
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n";
  part(out, "text/plain", m.text, false);
  out += "--" + boundary + "\r\n";
  part(out, "text/html", m.html, false);
  out += "--" + boundary + "--\r\n";
  return out;
}

namespace {
struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};
std::size_t read_upload(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  std::size_t len = std::min(size * n, u->data->size() - u->pos);
  std::memcpy(buf, u->data->data() + u->pos, len);
  u->pos += len;
  return len;
}
std::once_flag g_curl_once;
}  // namespace

std::string deliver(const SmtpConfig& s, const Stored& m, bool& permanent) {
  permanent = false;
  std::call_once(g_curl_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* h = curl_easy_init();
  if (!h) return "could not start libcurl";
  auto envelope = bare_address(s.from);
  std::string url = std::string(s.security == "tls" ? "smtps://" : "smtp://") + s.host + ":" +
                    std::to_string(s.effective_port()) + "/" + domain_of(envelope);
  std::string payload = build_mime(m, s.from, rfc5322_date(Clock::now()));
  Upload up{&payload};
  std::string mail_from = "<" + envelope + ">", rcpt_to = "<" + m.to + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, rcpt_to.c_str());
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(s.timeout.count()));
  // STARTTLS is required (CURLUSESSL_ALL: never falls back to plain text); certificates and
  // host names are verified (libcurl's defaults), against ca_file when given.
  if (s.security == "starttls") curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!s.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, s.ca_file.c_str());
  if (!s.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, s.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &up);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  CURLcode rc = curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(h);
  if (rc == CURLE_OK) return "";
  permanent = code >= 500 && code < 600;
  std::string msg = err[0] ? err : curl_easy_strerror(rc);
  if (code > 0) msg += " (SMTP " + std::to_string(code) + ")";
  return msg;
}

Sender::Sender(Database& db, SmtpConfig cfg) : db_(db), cfg_(std::move(cfg)) {}

Sender::~Sender() {
  stop();
}

void Sender::start() {
  std::lock_guard g(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Sender::stop() {
  {
    std::lock_guard g(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int Sender::run_once() {
  int attempted = 0;
  {
    auto conn = db_.acquire();
    auto now = Clock::now();
    store::requeue_stale(*conn, store::iso_ms(now - kLease), store::iso_ms(now));
  }
  for (;;) {
    {
      std::lock_guard g(mu_);
      if (stop_) break;
    }
    std::optional<Stored> m;
    {
      auto conn = db_.acquire();
      m = store::claim_next(*conn, store::iso_ms(Clock::now()));
    }
    if (!m) break;
    ++attempted;
    bool permanent = false;
    auto error = deliver(cfg_, *m, permanent);
    auto conn = db_.acquire();
    if (error.empty()) {
      store::mark_sent(*conn, m->id, store::iso_ms(Clock::now()));
      log::info("e-mail sent", {{"id", m->id}, {"to", m->to}, {"attempt", m->attempts}});
      continue;
    }
    bool dead = permanent || m->attempts >= cfg_.max_attempts;
    auto next = Clock::now() + backoff(cfg_, m->attempts);
    store::mark_failed(*conn, m->id, error, dead, store::iso_ms(next));
    log::warn(dead ? "e-mail dead" : "e-mail failed, will retry",
              {{"id", m->id}, {"to", m->to}, {"attempt", m->attempts}, {"error", error}});
  }
  return attempted;
}

void Sender::loop() {
  for (;;) {
    int n = 0;
    try {
      n = run_once();
    } catch (const std::exception& e) {
      log::error("mail sender", {{"error", e.what()}});
    }
    std::unique_lock lk(mu_);
    if (stop_) return;
    if (n == 0) cv_.wait_for(lk, cfg_.poll, [this] { return stop_; });
    if (stop_) return;
  }
}

std::unique_ptr<Sender> start_sender(Database& db, const Config& cfg) {
  auto s = smtp_config(cfg);
  if (!s.configured()) {
    log::info("mail: GOLDTHREAD_SMTP_HOST is not set, so e-mail stays in the outbox (see /admin/outbox)");
    return nullptr;
  }
  if (auto problem = check(s); !problem.empty()) {
    log::error("mail: " + problem + "; e-mail stays in the outbox");
    return nullptr;
  }
  auto sender = std::make_unique<Sender>(db, s);
  sender->start();
  log::info("mail sender started",
            {{"smtp", s.host + ":" + std::to_string(s.effective_port())}, {"security", s.security}, {"from", s.from}});
  return sender;
}

}  // namespace goldthread::core::mail
