#include "trainer/SettingsFile.hpp"

#include "core/Files.hpp"
#include "core/Utf8.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <sstream>
#include <system_error>

namespace sparring::trainer {

namespace fs = std::filesystem;

namespace {

/// A settings file is a dozen lines; anything this big is not one.
constexpr std::uintmax_t kMaxSettingsBytes = std::uintmax_t{64} * 1024;

std::string where(const fs::path& file, const YAML::Mark& mark)
{
    return file.filename().string() + ":" + std::to_string(mark.line + 1) + ":" +
           std::to_string(mark.column + 1);
}

/// How each key is read into Settings: a reader returns false when the value is of the wrong
/// kind (it is then reported and the default kept). Ranges are brought into range as the
/// settings screen would (the same limits from Trainer.hpp).
using Reader = std::function<bool(const YAML::Node&, Settings&)>;

template <typename T> bool as(const YAML::Node& node, T& out)
{
    if (!node.IsScalar())
        return false;
    try {
        out = node.as<T>();
        return true;
    } catch (const YAML::Exception&) {
        return false;
    }
}

Reader flag(bool Settings::*member)
{
    return [member](const YAML::Node& node, Settings& s) { return as(node, s.*member); };
}

Reader number(float Settings::*member, float low, float high)
{
    return [=](const YAML::Node& node, Settings& s) {
        float value = 0;
        if (!as(node, value) || value != value) // NaN is not a number of this kind
            return false;
        s.*member = std::clamp(value, low, high);
        return true;
    };
}

const std::map<std::string, std::pair<Reader, const char*>>& readers()
{
    static const std::map<std::string, std::pair<Reader, const char*>> table{
        {"text_size", {number(&Settings::fontSize, kSmallestFont, kLargestFont), "a number from 12 to 36"}},
        {"text_speed", {number(&Settings::textSpeed, 0, 100'000), "characters per second, 0 or more"}},
        {"high_contrast", {flag(&Settings::highContrast), "true or false"}},
        {"speech", {flag(&Settings::speech), "true or false"}},
        {"speech_volume",
         {[](const YAML::Node& node, Settings& s) {
              int value = 0;
              if (!as(node, value))
                  return false;
              s.speechVolume = std::clamp(value, 0, 100);
              return true;
          },
          "a whole number from 0 to 100"}},
        {"speech_speed",
         {number(&Settings::speechRate, kSlowestSpeech, kFastestSpeech), "a number from 0.75 to 1.5"}},
        {"speak_my_answers", {flag(&Settings::speakMyAnswers), "true or false"}},
        {"dyslexia_font", {flag(&Settings::dyslexiaFont), "true or false"}},
        {"reduce_motion", {flag(&Settings::reduceMotion), "true or false"}},
        {"self_voicing", {flag(&Settings::selfVoicing), "true or false"}},
    };
    return table;
}

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

} // namespace

fs::path defaultSettingsPath()
{
    // XDG Base Directory: a relative XDG_CONFIG_HOME is invalid and must be ignored.
    if (const auto config = environment("XDG_CONFIG_HOME"); !config.empty() && config.front() == '/')
        return fs::path(config) / "sparring" / "settings.yaml";
    if (const auto home = environment("HOME"); !home.empty())
        return fs::path(home) / ".config" / "sparring" / "settings.yaml";
    return {};
}

LoadedSettings readSettingsFile(const fs::path& file, const Settings& defaults)
{
    LoadedSettings out{defaults, {}, false};
    const auto input = core::readInputFile(file, kMaxSettingsBytes);
    if (input.problem == core::ReadProblem::NotFound)
        return out; // never saved yet
    const auto unreadable = [&](const std::string& why) {
        out.problems.push_back(file.string() + ": " + why + "; using the default settings");
        out.unreadable = true;
        return out;
    };
    if (!input.text)
        return unreadable(input.reason);
    if (const auto bad = core::firstInvalidUtf8(*input.text))
        return unreadable("byte " + std::to_string(*bad) + " is not UTF-8");
    YAML::Node root;
    try {
        root = YAML::Load(*input.text);
    } catch (const YAML::Exception& e) {
        return unreadable(std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " +
                          e.msg);
    }
    if (root.IsNull())
        return out; // an empty file: the defaults
    if (!root.IsMap())
        return unreadable("not a list of 'setting: value' lines");
    for (const auto& entry : root) {
        const auto key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
        const auto known = readers().find(key);
        if (known == readers().end()) {
            out.problems.push_back(where(file, entry.first.Mark()) + ": unknown setting '" +
                                   core::terminalSafe(key, false) + "' (ignored)");
            continue;
        }
        if (!known->second.first(entry.second, out.settings))
            out.problems.push_back(where(file, entry.second.Mark()) + ": '" + key + "' must be " +
                                   known->second.second + "; using the default");
    }
    return out;
}

std::string settingsText(const Settings& s)
{
    std::ostringstream text;
    text << "# Sparring's settings, kept by the trainer's Settings screen (F2). See the README.\n"
         << "text_size: " << s.fontSize << "\n"
         << "text_speed: " << s.textSpeed << "\n"
         << "high_contrast: " << (s.highContrast ? "true" : "false") << "\n"
         << "speech: " << (s.speech ? "true" : "false") << "\n"
         << "speech_volume: " << s.speechVolume << "\n"
         << "speech_speed: " << s.speechRate << "\n"
         << "speak_my_answers: " << (s.speakMyAnswers ? "true" : "false") << "\n"
         << "dyslexia_font: " << (s.dyslexiaFont ? "true" : "false") << "\n"
         << "reduce_motion: " << (s.reduceMotion ? "true" : "false") << "\n"
         << "self_voicing: " << (s.selfVoicing ? "true" : "false") << "\n";
    return text.str();
}

SettingsKeeper::SettingsKeeper(fs::path file, const LoadedSettings& loaded)
    : m_file(std::move(file)), m_saved(loaded.settings), m_keepUnreadable(loaded.unreadable)
{
}

std::optional<std::string> SettingsKeeper::save(const Settings& settings)
{
    if (m_file.empty() || settings == m_saved || (m_failed && settings == *m_failed))
        return std::nullopt; // nothing new, or what just failed (not retried every frame)
    std::string problem;
    std::error_code ec;
    fs::create_directories(m_file.parent_path(), ec);
    if (ec) {
        problem = "its folder cannot be made: " + ec.message();
    } else {
        if (m_keepUnreadable) {
            // The file the trainee (or something) wrote is not ours to throw away: keep it beside.
            fs::rename(m_file, fs::path(m_file.string() + ".unreadable"), ec);
            m_keepUnreadable = false;
        }
        if (const auto why = core::writeOutputFile(m_file, settingsText(settings)))
            problem = *why;
    }
    if (problem.empty()) {
        m_saved = settings;
        m_failed.reset();
        m_lastProblem.clear();
        return std::nullopt;
    }
    m_failed = settings;
    problem = "settings not saved to " + m_file.string() + ": " + problem;
    if (problem == m_lastProblem)
        return std::nullopt;
    m_lastProblem = problem;
    return problem;
}

} // namespace sparring::trainer
