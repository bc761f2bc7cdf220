#pragma once
// Expected outcomes as values (see docs/ARCHITECTURE.md, "Errors").
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace goldthread::core {

enum class ErrorKind { invalid, not_found, forbidden, conflict, unauthenticated, too_many, internal };

// One message per form field; `field` is the input's name (and id) so the error summary can
// link to it. Order is kept as the fields appear on the form.
struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorKind kind = ErrorKind::invalid;
  std::string message;
  std::vector<FieldError> fields;

  static Error invalid(std::string msg, std::vector<FieldError> f = {}) {
    return {ErrorKind::invalid, std::move(msg), std::move(f)};
  }
  static Error not_found(std::string msg) { return {ErrorKind::not_found, std::move(msg), {}}; }
  static Error forbidden(std::string msg) { return {ErrorKind::forbidden, std::move(msg), {}}; }
  static Error conflict(std::string msg) { return {ErrorKind::conflict, std::move(msg), {}}; }
};

// A small std::expected stand-in (C++23 is not available with g++ 12).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}   // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace goldthread::core
