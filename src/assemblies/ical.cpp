// iCalendar (RFC 5545) for one event or a feed: CRLF line ends, content lines folded at 75
// octets (never inside a UTF-8 sequence), TEXT values escaped, times in Europe/London with
// its VTIMEZONE, a UID that never changes and a SEQUENCE that each change bumps.
#include "assemblies/assemblies.hpp"
#include "assemblies/event_time.hpp"

namespace goldthread::assemblies {
namespace {

constexpr const char* kVTimezone =
    "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19810329T010000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19961027T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

std::string escape_text(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '\\' || ch == ';' || ch == ',')
      out += '\\', out += ch;
    else if (ch == '\n')
      out += "\\n";
    else if (ch == '\r')
      continue;
    else
      out += ch;
  }
  return out;
}

// One content line, folded: at most 75 octets per physical line, continuation lines start
// with a space (which counts), and a UTF-8 sequence is never split.
std::string fold(const std::string& line) {
  std::string out;
  std::size_t i = 0, limit = 75;
  while (line.size() - i > limit) {
    std::size_t cut = i + limit;
    while (cut > i && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out += line.substr(i, cut - i) + "\r\n ";
    i = cut;
    limit = 74;
  }
  return out + line.substr(i) + "\r\n";
}

std::string host_of(const std::string& base_url) {
  auto start = base_url.find("://");
  auto h = start == std::string::npos ? base_url : base_url.substr(start + 3);
  auto slash = h.find('/');
  if (slash != std::string::npos) h = h.substr(0, slash);
  auto colon = h.find(':');
  if (colon != std::string::npos) h = h.substr(0, colon);
  return h.empty() ? "goldthread" : h;
}

std::string vevent(const Event& e, const std::string& base_url, bool show_online) {
  std::string out = "BEGIN:VEVENT\r\n";
  out += fold("UID:goldthread-event-" + std::to_string(e.id) + "@" + host_of(base_url));
  out += fold("DTSTAMP:" + ics_utc(e.updated_at));
  out += fold("DTSTART;TZID=Europe/London:" + ics_local(e.starts_at));
  out += fold("DTEND;TZID=Europe/London:" + ics_local(e.ends_at));
  out += fold("SEQUENCE:" + std::to_string(e.sequence));
  out += fold("SUMMARY:" + escape_text(e.title));
  std::string description = e.summary;
  if (!e.agenda.empty()) {
    description += description.empty() ? "Agenda:" : "\n\nAgenda:";
    for (const auto& a : e.agenda)
      description +=
          "\n" + (a.time.empty() ? "" : a.time + " ") + a.title + (a.speakers.empty() ? "" : " – " + a.speakers);
  }
  if (!description.empty()) out += fold("DESCRIPTION:" + escape_text(description));
  std::string location = e.venue_name;
  if (!e.venue_address.empty()) location += (location.empty() ? "" : ", ") + e.venue_address;
  if (show_online && !e.online_url.empty()) location += (location.empty() ? "" : " – ") + e.online_url;
  if (!location.empty()) out += fold("LOCATION:" + escape_text(location));
  out += fold("URL:" + base_url + "/events/" + e.slug);
  out += "STATUS:CONFIRMED\r\nEND:VEVENT\r\n";
  return out;
}

}  // namespace

std::string ics_calendar(const std::vector<Event>& events, const std::string& base_url, bool show_online,
                         const std::string& calendar_name) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//goldthread//assemblies//EN\r\nCALSCALE:GREGORIAN\r\n";
  out += "METHOD:PUBLISH\r\n";
  out += fold("X-WR-CALNAME:" + escape_text(calendar_name));
  out += "X-WR-TIMEZONE:Europe/London\r\n";
  out += kVTimezone;
  for (const auto& e : events) out += vevent(e, base_url, show_online);
  return out + "END:VCALENDAR\r\n";
}

}  // namespace goldthread::assemblies
