// Times in Europe/London, iCalendar's line rules and the event validator: no database.
#include <gtest/gtest.h>

#include "assemblies/assemblies.hpp"
#include "assemblies/event_time.hpp"

namespace goldthread::assemblies {
namespace {

TEST(LondonTime, SummerTimeIsAnHourAheadOfUtcAndWinterTimeIsUtc) {
  EXPECT_EQ(*london_to_utc("2018-09-04", "13:00"), "2018-09-04T12:00:00Z");  // BST
  EXPECT_EQ(*london_to_utc("2017-10-16", "12:30"), "2017-10-16T11:30:00Z");  // still BST
  EXPECT_EQ(*london_to_utc("2019-03-05", "13:00"), "2019-03-05T13:00:00Z");  // GMT
  // Either side of the change on Sunday 31 March 2019 (01:00 GMT → 02:00 BST).
  EXPECT_EQ(*london_to_utc("2019-03-30", "10:00"), "2019-03-30T10:00:00Z");
  EXPECT_EQ(*london_to_utc("2019-03-31", "10:00"), "2019-03-31T09:00:00Z");
}

TEST(LondonTime, TheHourTheClocksSkipDoesNotExistAndTheRepeatedHourIsTheFirst) {
  auto gap = london_to_utc("2019-03-31", "01:30");
  ASSERT_FALSE(gap.ok());
  EXPECT_NE(gap.error().message.find("does not exist"), std::string::npos);
  EXPECT_EQ(*london_to_utc("2019-10-27", "01:30"), "2019-10-27T00:30:00Z");  // 01:30 BST, not GMT
}

TEST(LondonTime, RefusesMalformedInput) {
  EXPECT_FALSE(london_to_utc("2019-02-30", "10:00").ok());
  EXPECT_FALSE(london_to_utc("2019-02-10", "24:00").ok());
  EXPECT_FALSE(london_to_utc("2019-02-10", "9am").ok());
  EXPECT_FALSE(london_to_utc("10/02/2019", "10:00").ok());
}

TEST(LondonTime, ShowsUtcInLondonWithTheZone) {
  auto s = london("2018-09-04T12:00:00Z");
  EXPECT_EQ(s.date, "2018-09-04");
  EXPECT_EQ(s.time, "13:00");
  EXPECT_EQ(s.zone, "BST");
  EXPECT_EQ(s.long_date, "Tuesday 4 September 2018");
  auto w = london("2019-03-05T13:00:00Z");
  EXPECT_EQ(w.time, "13:00");
  EXPECT_EQ(w.zone, "GMT");
  EXPECT_EQ(twelve_hour("12:30"), "12:30pm");
  EXPECT_EQ(twelve_hour("14:00"), "2pm");
  EXPECT_EQ(twelve_hour("12:00"), "midday");
  EXPECT_EQ(ics_local("2018-09-04T12:00:00Z"), "20180904T130000");
}

Event sample() {
  Event e;
  e.id = 7;
  e.slug = "essex-assembly";
  e.title = "Essex Assembly; a day, with commas";
  e.summary = std::string(200, 'x') + " Größe é 💡 " + std::string(100, 'y') + "\nline two";
  e.starts_at = "2018-09-04T12:00:00Z";
  e.ends_at = "2018-09-04T16:00:00Z";
  e.updated_at = "2018-08-01T09:00:00Z";
  e.venue_name = "Chelmsford Racecourse";
  e.online_url = "https://meet.example.org/secret";
  e.sequence = 3;
  return e;
}

TEST(ICalendar, LinesEndInCrlfAndFoldAt75OctetsWithoutSplittingCharacters) {
  auto ics = ics_calendar({sample()}, "https://essex.example.org", false, "Events");
  ASSERT_GE(ics.size(), 2u);
  EXPECT_EQ(ics.substr(ics.size() - 2), "\r\n");
  std::size_t start = 0;
  std::string unfolded;
  while (start < ics.size()) {
    auto end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    auto line = ics.substr(start, end - start);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos);
    // A continuation line never starts inside a UTF-8 sequence.
    if (!line.empty() && line[0] == ' ') {
      ASSERT_GE(line.size(), 2u);
      EXPECT_NE(static_cast<unsigned char>(line[1]) & 0xC0, 0x80) << line;
      unfolded += line.substr(1);
    } else {
      unfolded += "\n" + line;
    }
    start = end + 2;
  }
  EXPECT_NE(unfolded.find("SUMMARY:Essex Assembly\\; a day\\, with commas"), std::string::npos);
  EXPECT_NE(unfolded.find("Größe é 💡 "), std::string::npos);
  EXPECT_NE(unfolded.find("\\nline two"), std::string::npos);
  EXPECT_NE(unfolded.find("UID:goldthread-event-7@essex.example.org"), std::string::npos);
  EXPECT_NE(unfolded.find("SEQUENCE:3"), std::string::npos);
  EXPECT_NE(unfolded.find("DTSTART;TZID=Europe/London:20180904T130000"), std::string::npos);
  EXPECT_NE(unfolded.find("BEGIN:VTIMEZONE"), std::string::npos);
  EXPECT_EQ(unfolded.find("meet.example.org"), std::string::npos) << "the online link only for registered people";
  EXPECT_NE(ics_calendar({sample()}, "https://essex.example.org", true, "Events").find("meet.example.org"),
            std::string::npos);
}

EventInput valid_input() {
  EventInput in;
  in.kind = "assembly";
  in.title = "Essex Assembly";
  in.date = "2030-03-05";
  in.start_time = "13:00";
  in.end_time = "17:00";
  in.venue_name = "County Hall";
  in.capacity = 150;
  return in;
}

std::vector<std::string> fields(const std::vector<core::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(ValidateEvent, AcceptsAWellFormedEvent) {
  EXPECT_TRUE(validate_event(valid_input()).empty());
}

TEST(ValidateEvent, NamesEachProblemInTheFormsOrder) {
  auto in = valid_input();
  in.kind = "party";
  in.title = "";
  in.end_time = "12:00";
  in.venue_name = "";
  in.capacity = 0;
  in.agenda = {"13:00 | Welcome | Gavin Jones | ftp://nope"};
  EXPECT_EQ(fields(validate_event(in)),
            (std::vector<std::string>{"kind", "title", "end_time", "venue_name", "capacity", "agenda"}));
}

TEST(ValidateEvent, AnOnlineEventNeedsNoVenueButAWebLink) {
  auto in = valid_input();
  in.venue_name = "";
  in.online_url = "https://meet.example.org/x";
  EXPECT_TRUE(validate_event(in).empty());
  in.online_url = "javascript:alert(1)";
  EXPECT_EQ(fields(validate_event(in)), (std::vector<std::string>{"online_url"}));
}

TEST(ValidateEvent, RegistrationClosesOnOrBeforeTheDay) {
  auto in = valid_input();
  in.registration_opens = "2030-02-01";
  in.registration_closes = "2030-03-06";
  EXPECT_EQ(fields(validate_event(in)), (std::vector<std::string>{"registration_closes"}));
  in.registration_closes = "2030-01-01";
  EXPECT_EQ(fields(validate_event(in)), (std::vector<std::string>{"registration_closes"}));
}

}  // namespace
}  // namespace goldthread::assemblies
