// The upload page: partner members and place admins paste a CSV (the same format as the
// command line), see a per-row report in the GOV.UK error-summary style, fix and try again.
// A large upload (issue 12.3) runs as a background job: the POST answers with a redirect to
// the job's progress page, /indicators/import?job=N ("Checked 4,000 of 10,000 rows", a <progress> element), which
// refreshes itself without JavaScript (a Refresh header and a link) until it shows the
// per-row report or the confirmation. The import is still one transaction: all or nothing.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>  // the job's log fields
#include <sstream>
#include <thread>

#include "core/app.hpp"
#include "core/form.hpp"
#include "core/log.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "outcomes/form_views.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_handlers.hpp"

namespace goldthread::outcomes {
using core::Response;
using nlohmann::json;

namespace {

constexpr std::size_t kJobProgressEvery = 500;  // rows between progress updates of a job
constexpr std::size_t kMaxJobsKept = 50;        // finished jobs kept for their pages

// Uploads of more rows than this run as a background job (GOLDTHREAD_OUTCOMES_BACKGROUND_ROWS;
// default 2,000, about 0.1 s of checking). GOLDTHREAD_OUTCOMES_IMPORT_STEP_MS pauses the job
// after each progress update: only for tests that must see the progress page.
std::size_t env_number(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  unsigned long long n = std::strtoull(v, &end, 10);
  return end && *end == '\0' ? static_cast<std::size_t>(n) : fallback;
}

struct ImportJob {
  std::int64_t id = 0, user_id = 0;
  std::size_t rows_total = 0;
  std::atomic<std::size_t> rows_checked{0};
  std::atomic<bool> done{false};
  // Written by the job's thread before `done` is set; read only after.
  ImportReport report;
  ImportValues values;  // the form as posted, to fix and resubmit after a failed import
};

// The running and recently finished jobs of one App; its destructor waits for the running
// ones (the App's database outlives its state).
class ImportJobs {
 public:
  ~ImportJobs() {
    std::map<std::int64_t, std::thread> threads;
    {
      std::lock_guard g(mu_);
      threads.swap(threads_);
    }
    for (auto& [id, t] : threads) t.join();
  }
  std::shared_ptr<ImportJob> start(core::Database& db, const core::audit::Actor& actor, std::string csv,
                                   ImportOptions opts, std::int64_t user_id, std::size_t rows_total,
                                   ImportValues values) {
    auto job = std::make_shared<ImportJob>();
    job->user_id = user_id;
    job->rows_total = rows_total;
    job->values = std::move(values);
    std::lock_guard g(mu_);
    job->id = ++next_id_;
    // Finished jobs' threads are joined here; their pages are kept for the newest 50.
    for (auto it = threads_.begin(); it != threads_.end();) {
      auto j = jobs_.find(it->first);
      if (j == jobs_.end() || j->second->done) {
        it->second.join();
        it = threads_.erase(it);
      } else {
        ++it;
      }
    }
    while (jobs_.size() >= kMaxJobsKept && !threads_.count(jobs_.begin()->first)) jobs_.erase(jobs_.begin());
    jobs_[job->id] = job;
    const std::size_t pause_ms = env_number("GOLDTHREAD_OUTCOMES_IMPORT_STEP_MS", 0);
    opts.progress_every = kJobProgressEvery;
    threads_[job->id] = std::thread([&db, actor, job, pause_ms, csv = std::move(csv), opts = std::move(opts)] {
      std::istringstream in(csv);
      try {
        job->report = import_indicators_csv(db, actor, in, opts, [&](std::size_t rows, std::size_t) {
          job->rows_checked = rows;
          if (pause_ms) std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
        });
      } catch (const std::exception& e) {
        core::log::error("outcomes import job failed", {{"job", job->id}, {"error", e.what()}});
        job->report = ImportReport{};
        job->report.error = "The import failed on our side and nothing was imported: try again";
      }
      job->done = true;
    });
    return job;
  }
  std::shared_ptr<ImportJob> find(std::int64_t id) {
    std::lock_guard g(mu_);
    auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : it->second;
  }

 private:
  std::mutex mu_;
  std::int64_t next_id_ = 0;                                 // GUARDED_BY(mu_)
  std::map<std::int64_t, std::shared_ptr<ImportJob>> jobs_;  // GUARDED_BY(mu_)
  std::map<std::int64_t, std::thread> threads_;              // GUARDED_BY(mu_): running ones
};
struct ImportJobsKey {
  using type = ImportJobs;
};

Response show_import(core::Context& ctx, const ImportFormView& v, int status) {
  return core::render_page(ctx, {.template_name = "outcomes/import",
                                 .title = "Import indicator data",
                                 .crumbs = {{"Home", "/"}, {"Indicators", "/indicators"}},
                                 .status = status,
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v); }});
}

// The upload page after an import: the confirmation, or the per-row report and the form
// refilled with what was posted.
Response show_result(core::Context& ctx, const ImportValues& values, const ImportReport& rep) {
  if (rep.written && rep.error.empty()) return show_import(ctx, {.report = &rep}, 200);
  auto e = report_error(rep);
  return show_import(ctx, {.values = values, .report = &rep, .error = &e}, 400);
}

std::size_t data_rows(const std::string& text) {
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines > 0 ? lines - 1 : 0;  // less the header row
}

}  // namespace

Response import_job_page(core::Context& ctx, const std::string& job_param);

// The upload form, or with ?job=N the progress (then the result) of a background import.
Response import_page(core::Context& ctx) {
  if (auto job = ctx.query("job")) return import_job_page(ctx, *job);
  return show_import(ctx, {}, 200);
}

Response import_handler(core::Context& ctx) {
  core::Form f(ctx);
  std::string text = f.paragraph("csv", "CSV data", kMaxUploadChars);
  std::string file_name = f.text("file_name", "File name", 200);
  ImportOptions opts;
  opts.provisional = f.flag("provisional");
  opts.embargo_until = f.date("embargo_until", "Embargo date");
  opts.skip_invalid = f.flag("skip_invalid");
  opts.file_name = file_name.empty() ? "upload" : file_name;
  if (f.ok() && text.empty()) f.error("csv", "Paste the CSV data, with its header row");
  ImportValues values{text, file_name, opts.embargo_until, opts.provisional, opts.skip_invalid};
  if (!f.ok()) {
    auto e = f.invalid("Check the upload");
    if (ctx.wants_json()) return core::error_response(ctx, e);
    return show_import(ctx, {.values = values, .error = &e}, 400);
  }
  std::int64_t org = ctx.principal.memberships.empty() ? 0 : ctx.principal.memberships.front().organisation_id;
  auto actor = core::audit::Actor::from(ctx.principal, org, ctx.request().request_id);
  const std::size_t rows = data_rows(text);
  // A JSON client gets its report in the answer; a person posting many rows the progress page.
  if (!ctx.wants_json() && rows > env_number("GOLDTHREAD_OUTCOMES_BACKGROUND_ROWS", 2000)) {
    auto job = ctx.app().state<ImportJobsKey>().start(ctx.db(), actor, std::move(text), std::move(opts),
                                                      ctx.principal.user_id, rows, std::move(values));
    return Response::redirect("/indicators/import?job=" + std::to_string(job->id));
  }
  std::istringstream in(text);
  auto rep = import_indicators_csv(ctx.db(), actor, in, opts);
  return show_result(ctx, values, rep);
}

Response import_job_page(core::Context& ctx, const std::string& job_param) {
  std::int64_t id = 0;
  try {
    id = std::stoll(job_param);
  } catch (const std::exception&) {
  }
  auto job = id > 0 ? ctx.app().state<ImportJobsKey>().find(id) : nullptr;
  // Only the person who uploaded sees the job (its page refills their CSV after a failure).
  if (!job || job->user_id != ctx.principal.user_id)
    return core::error_page(ctx, 404, "Page not found", "There is no import at this address.");
  ImportJobView v{.id = job->id,
                  .rows_total = job->rows_total,
                  .rows_checked = std::min(job->rows_checked.load(), job->rows_total)};
  if (job->done) {
    v.report = &job->report;
    if (ctx.wants_json()) return core::resource_response([&](json& j) { to_json(j, v); });
    return show_result(ctx, job->values, job->report);
  }
  auto res = core::render_page(
      ctx, {.template_name = "outcomes/import_progress",
            .title = "Importing indicator data",
            .crumbs = {{"Home", "/"}, {"Indicators", "/indicators"}, {"Import", "/indicators/import"}},
            .resource = [&](json& j) { to_json(j, v); },
            .screen = [&](json& j) { screen_json(j, v); }});
  const std::string href = v.href();
  res.headers.set("Refresh", "1; url=" + href);  // browsers reload it, JavaScript or not
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace goldthread::outcomes
