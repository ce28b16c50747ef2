#include "Log.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace imp::log {
namespace {

std::mutex g_mutex;
std::shared_ptr<spdlog::logger> g_logger;
bool g_fileEnabled = false;

std::shared_ptr<spdlog::logger> makeStderrLogger(spdlog::level::level_enum level)
{
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    auto logger = std::make_shared<spdlog::logger>("imp", sink);
    logger->set_level(level);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%t] %v");
    return logger;
}

} // namespace

void init(spdlog::level::level_enum level)
{
    std::lock_guard lock(g_mutex);
    g_logger = makeStderrLogger(level);
    g_fileEnabled = false;
}

void enableFile(const std::filesystem::path &logDir)
{
    std::lock_guard lock(g_mutex);
    if (!g_logger)
        g_logger = makeStderrLogger(spdlog::level::info);
    if (g_fileEnabled)
        return;
    std::error_code ec;
    std::filesystem::create_directories(logDir, ec);
    if (!ec)
        std::filesystem::permissions(logDir, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
    if (ec) {
        g_logger->warn("log folder unavailable, staying on stderr: {}", ec.message());
        return;
    }
    try {
        // 1 MiB x 3 files bounds what a profile folder holds in logs.
        auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            (logDir / "imptech.log").string(), 1024 * 1024, 3);
        sink->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l [%t] %v");
        g_logger->sinks().push_back(sink);
        g_fileEnabled = true;
    } catch (const spdlog::spdlog_ex &e) {
        g_logger->warn("log file unavailable, staying on stderr: {}", e.what());
    }
}

bool fileEnabled()
{
    std::lock_guard lock(g_mutex);
    return g_fileEnabled;
}

std::shared_ptr<spdlog::logger> get()
{
    std::lock_guard lock(g_mutex);
    if (!g_logger)
        g_logger = makeStderrLogger(spdlog::level::info);
    return g_logger;
}

std::string maskPhone(std::string_view e164)
{
    const bool plausible = e164.size() >= 8 && e164.size() <= 16 && e164.front() == '+' &&
                           std::all_of(e164.begin() + 1, e164.end(),
                                       [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!plausible)
        return "****";
    // Keep the calling code and the first digits (+86138) and the last four (8000), and always
    // hide at least four digits, whatever the number's length.
    const std::size_t head = std::min<std::size_t>(6, e164.size() - 8);
    std::string masked(e164.substr(0, head));
    masked += "****";
    masked += e164.substr(e164.size() - 4);
    return masked;
}

} // namespace imp::log
