#pragma once
// A small value-or-error type for expected failures (bad input). std::expected is C++23;
// this is the subset the opinion library needs. Errors are plain messages for humans.

#include <string>
#include <utility>
#include <variant>

namespace goldthread::opinion {

struct Error {
  std::string message;
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}    // NOLINT: implicit on purpose

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  // REQUIRES: !ok().
  const Error& error() const { return std::get<Error>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace goldthread::opinion
