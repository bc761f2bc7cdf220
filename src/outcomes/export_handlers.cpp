// An indicator's exports (issue 12.9, 12.10): every public point as CSV and as JSON, with the
// attribution. An indicator of up to kCachedPoints public points is written whole and kept per
// data version (its JSON for every area and period is then answered from memory); a larger one
// is streamed, one keyset page of points per piece, in constant memory.
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/page.hpp"
#include "core/streaming.hpp"
#include "outcomes/csv_reader.hpp"
#include "outcomes/outcomes_handlers.hpp"
#include "outcomes/outcomes_rules.hpp"
#include "outcomes/outcomes_store.hpp"
#include "outcomes/outcomes_views.hpp"
#include "outcomes/point_pages.hpp"

namespace goldthread::outcomes {
using core::Response;
using nlohmann::json;

namespace {
// JSON text for a string (the export writes its points directly, without a DOM per point).
void put_string(std::string& out, const std::string& v) {
  out += json(v).dump(-1, ' ', false, json::error_handler_t::replace);
}
void put_number(std::string& out, const std::optional<double>& v) {
  if (v)
    out += store::number_text(*v);
  else
    out += "null";
}

// An indicator's public points in keyset pages (period, then area), each page its own read.
core::RowPages<store::Point> point_pages(std::int64_t indicator_id) {
  core::RowPages<store::Point> pages;
  pages.read = [indicator_id, day = today_iso()](core::Connection& c, const store::Point* after, std::size_t limit) {
    return store::points_page(c, indicator_id, day, after, limit);
  };
  return pages;
}

// A period's label, computed once per run of points with the same period.
struct PeriodLabels {
  std::string period, label;
  const std::string& of(const std::string& p) {
    if (p != period) {
      auto parsed = parse_period(p);
      period = p;
      label = parsed ? parsed->label : p;
    }
    return label;
  }
};

void csv_points(std::string& out, const store::Indicator& ind, const std::string& attribution,
                const std::vector<store::Point>& points, PeriodLabels& labels) {
  for (const auto& p : points) {
    auto s = shown(ind, p);
    auto t = [&](const std::optional<double>& v) {
      return v && !s.suppressed ? store::number_text(*v) : std::string();
    };
    out += csv::row({ind.slug, p.area_code, p.period, labels.of(p.period), s.suppressed ? "suppressed" : t(s.value),
                     s.ci95 ? store::number_text(s.ci95->lower) : "", s.ci95 ? store::number_text(s.ci95->upper) : "",
                     s.ci_method, t(p.numerator), t(p.denominator), p.status, s.suppressed ? "yes" : "no", p.notes,
                     attribution});
  }
}

void json_points(std::string& out, const store::Indicator& ind, const std::vector<store::Point>& points, bool first,
                 PeriodLabels& labels) {
  for (const auto& p : points) {
    auto s = shown(ind, p);
    if (!first) out += ',';
    first = false;
    out += "{\"area_code\":";
    put_string(out, p.area_code);
    out += ",\"period\":";
    put_string(out, p.period);
    out += ",\"period_label\":";
    put_string(out, labels.of(p.period));
    out += s.suppressed ? ",\"suppressed\":true,\"value\":" : ",\"suppressed\":false,\"value\":";
    put_number(out, s.suppressed ? std::nullopt : p.value);
    out += ",\"lci_95\":";
    put_number(out, s.ci95 ? std::optional<double>(s.ci95->lower) : std::nullopt);
    out += ",\"uci_95\":";
    put_number(out, s.ci95 ? std::optional<double>(s.ci95->upper) : std::nullopt);
    out += ",\"interval_method\":";
    put_string(out, s.ci_method);
    out += ",\"numerator\":";
    put_number(out, s.suppressed ? std::nullopt : p.numerator);
    out += ",\"denominator\":";
    put_number(out, s.suppressed ? std::nullopt : p.denominator);
    out += ",\"status\":";
    put_string(out, p.status);
    out += p.quality == "u" ? ",\"low_reliability\":true,\"notes\":" : ",\"low_reliability\":false,\"notes\":";
    put_string(out, p.notes);
    out += '}';
  }
}
}  // namespace

namespace {
constexpr std::size_t kCachedPoints = 2000;      // about 550 KB of JSON
constexpr std::size_t kCachedBytes = 64u << 20;  // all kept exports together

// core::App::state key: the whole exports kept, by "csv SLUG" / "json SLUG".
struct ExportCache {
  using type = ExportCache;
  struct Entry {
    std::int64_t version = 0;
    std::shared_ptr<const Response> response;
  };
  std::mutex mu;
  std::map<std::string, Entry> entries;  // GUARDED_BY(mu)
  std::size_t bytes = 0;                 // GUARDED_BY(mu)
};

// The export whole from memory when it was written at this data version; else written whole
// and kept when the indicator has at most kCachedPoints public points; else streamed. An
// embargo ending moves the data version (embargo.cpp), so a kept export never hides a figure
// that has become public, and no export ever shows one still under embargo.
Response whole_or_streamed(core::Context& ctx, const std::string& key, const std::string& type,
                           core::RowPages<store::Point> pages) {
  const auto version = core::data_version(ctx);
  auto& cache = ctx.app().state<ExportCache>();
  {
    std::lock_guard g(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end() && it->second.version == version) return *it->second.response;
  }
  std::vector<store::Point> first;
  {
    auto conn = ctx.db().acquire();
    first = pages.read(*conn, nullptr, kCachedPoints + 1);
  }
  if (first.size() > kCachedPoints) return core::stream_rows(type, ctx.db(), std::move(pages));
  auto res = std::make_shared<Response>();
  res->headers.set("content-type", type);
  res->body = pages.head;
  pages.write(res->body, first, true);
  if (pages.tail) pages.tail(res->body, first.size());
  std::lock_guard g(cache.mu);
  auto& slot = cache.entries[key];
  if (slot.response) cache.bytes -= slot.response->body.size();
  if (cache.bytes + res->body.size() > kCachedBytes) {
    cache.entries.clear();
    cache.bytes = 0;
  }
  cache.entries[key] = {version, res};
  cache.bytes += res->body.size();
  return *res;
}
}  // namespace

// Every public point of one indicator, streamed (core/streaming.hpp): one keyset page of
// points is read and written per piece, so memory does not grow with the indicator.
Response indicator_csv(core::Context& ctx) {
  if (ctx.wants_json()) return indicator_json(ctx);
  std::optional<store::Indicator> ind;
  {
    auto conn = ctx.db().acquire();
    ind = store::find_indicator(*conn, ctx.param("slug"));
  }
  if (!ind) return core::error_page(ctx, 404, "Page not found", "There is no indicator at this address.");
  auto pages = point_pages(ind->id);
  pages.head =
      csv::row({"indicator", "area_code", "period", "period_label", "value", "lci_95", "uci_95", "interval_method",
                "numerator", "denominator", "status", "suppressed", "notes", "attribution"});
  pages.write = [ind = *ind, attribution = attribution_of(*ind), labels = PeriodLabels{}](
                    std::string& out, const std::vector<store::Point>& page, bool) mutable {
    csv_points(out, ind, attribution, page, labels);
  };
  auto res = whole_or_streamed(ctx, "csv " + ind->slug, "text/csv; charset=utf-8", std::move(pages));
  res.headers.set("Content-Disposition", "attachment; filename=\"" + ind->slug + ".csv\"");
  return res;
}

// The same points as JSON, written field by field (no JSON value per point): the figures in
// docs/PERFORMANCE.md ("Outcomes", "Streamed exports") are for this answer.
Response indicator_json(core::Context& ctx) {
  std::optional<store::Indicator> ind;
  {
    auto conn = ctx.db().acquire();
    ind = store::find_indicator(*conn, ctx.param("slug"));
  }
  if (!ind) {
    ctx.json_ = true;
    return core::error_page(ctx, 404, "Page not found", "There is no indicator at this address.");
  }
  json head = {{"slug", ind->slug},
               {"name", ind->name},
               {"unit", ind->unit},
               {"polarity", ind->polarity},
               {"source_org", ind->source_org},
               {"source_url", ind->source_url},
               {"licence", ind->licence}};
  auto pages = point_pages(ind->id);
  auto& out = pages.head;
  out += "{\"indicator\":" + head.dump(-1, ' ', false, json::error_handler_t::replace) + ",\"attribution\":";
  put_string(out, attribution_of(*ind));
  out += ",\"links\":{\"indicator\":";
  put_string(out, "/indicators/" + ind->slug);
  out += ",\"csv\":";
  put_string(out, "/indicators/" + ind->slug + "/data.csv");
  out += "},\"data\":[";
  pages.write = [ind = *ind, labels = PeriodLabels{}](std::string& o, const std::vector<store::Point>& page,
                                                      bool first) mutable { json_points(o, ind, page, first, labels); };
  pages.tail = [](std::string& o, std::size_t) { o += "]}"; };
  return whole_or_streamed(ctx, "json " + ind->slug, "application/json", std::move(pages));
}

}  // namespace goldthread::outcomes
