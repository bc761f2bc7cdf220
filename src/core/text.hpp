#pragma once
// Small text helpers shared by capabilities: the one copy of each (trimming, ids, UTF-8,
// LIKE patterns, ONS area codes, slugs). Forms use them through core::Form (form.hpp).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace goldthread::core {

// "Joint Discharge Teams" → "joint-discharge-teams": lowercase ASCII letters and digits,
// runs of anything else become one hyphen, at most 80 characters. May return "" (a title in
// a non-Latin script); unique_slug gives such records a readable address instead.
std::string slugify(const std::string& text);

// A slug for `text` that `taken` says is free: slugify(text), then "-2", "-3"…; when the
// text has no Latin letters or digits, "<kind>-1", "<kind>-2"… (e.g. "initiative-3").
// REQUIRES: kind is itself a slug. `taken` is asked once per candidate.
std::string unique_slug(const std::string& text, const std::string& kind,
                        const std::function<bool(const std::string&)>& taken);

// Without leading and trailing spaces, tabs, carriage returns and newlines.
std::string trim(std::string_view s);

// A positive id (1 to 18 digits, nothing else); nullopt otherwise.
std::optional<std::int64_t> parse_id(std::string_view s);

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or values over U+10FFFF).
bool is_valid_utf8(std::string_view s);
// `s` with every invalid sequence replaced by U+FFFD, so it can be shown or serialised.
std::string valid_utf8(std::string_view s);
// The number of characters (code points) in valid UTF-8.
std::size_t utf8_length(std::string_view s);
// A C0 control character, DEL, or (in valid UTF-8) a C1 control U+0080–U+009F; `allowed`
// lists control characters that are fine here (e.g. "\t\n" in a multi-line field).
bool has_control_characters(std::string_view s, std::string_view allowed = {});

// The pattern for `lower(column) LIKE ? ESCAPE '\'` that finds `search` anywhere,
// case-insensitively (ASCII): %, _ and \ are escaped.
std::string like_contains(std::string_view search);

// The parts with `separator` between each two: join({"a", "b"}, "\n") is "a\nb".
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// `s` with every occurrence of `from` replaced by `to` ("" `from`: `s` unchanged).
std::string replace_all(std::string s, std::string_view from, std::string_view to);
// The same, ignoring ASCII case when matching (e-mail addresses).
std::string replace_all_ignoring_case(const std::string& s, std::string_view from, std::string_view to);

// An ONS area code such as E07000075 (a letter E, W, S or N and 8 digits).
bool is_area_code(std::string_view s);

// 1234567 → "1,234,567" (for messages such as "must be 2,000 characters or fewer").
std::string with_commas(std::size_t n);

// `s` safe inside HTML text and quoted attributes: & < > " ' as entities. The one copy:
// templates escape through mustache; C++ that writes HTML or SVG itself calls this.
std::string html_escape(std::string_view s);
// Appends one character of text to HTML being built, escaped as html_escape does.
void append_html_escaped(std::string& out, char ch);

// "1 result", "2 results", "1,024 organisations": the count with the right form of the noun
// (`plural_form` defaults to `singular` + "s").
std::string count_of(std::int64_t n, std::string_view singular, std::string_view plural_form = {});

// A date as GOV.UK writes it: "2026-10-01" or "2026-10-01T13:05:00Z" → "1 October 2026".
// Anything that is not such a date comes back unchanged ("" stays "").
std::string display_date(std::string_view iso);
// A timestamp with its time (UTC): "2026-10-01T13:05:00Z" → "1 October 2026 at 1:05pm";
// a plain date → display_date.
std::string display_date_time(std::string_view iso);

}  // namespace goldthread::core
