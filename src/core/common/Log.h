#pragma once

#include <filesystem>
#include <memory>
#include <spdlog/spdlog.h>
#include <string>
#include <string_view>

namespace imp::log {

// Before consent nothing may be written, so logging starts on stderr only. enableFile() is
// called once the user has accepted the agreement and the profile folder exists.
void init(spdlog::level::level_enum level = spdlog::level::info);
void enableFile(const std::filesystem::path &logDir);
bool fileEnabled();

std::shared_ptr<spdlog::logger> get();

// "+8613800138000" -> "+86138****8000". Anything that is not a plausible number is fully masked.
std::string maskPhone(std::string_view e164);

} // namespace imp::log

#define IMP_LOG_DEBUG(...) ::imp::log::get()->debug(__VA_ARGS__)
#define IMP_LOG_INFO(...) ::imp::log::get()->info(__VA_ARGS__)
#define IMP_LOG_WARN(...) ::imp::log::get()->warn(__VA_ARGS__)
#define IMP_LOG_ERROR(...) ::imp::log::get()->error(__VA_ARGS__)
