// What the loader checks before a plugin's code runs (issue 21, item 6): every directory from
// "/" to the file, every link on the way, and the file itself, on the very descriptor the
// plugin is then loaded from. The reported attack: a link into a world-writable directory was
// accepted, and a user swapping a link between the check and the load got code run in 13 of
// 300 tries.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "testutil.h"
#include "traject/plugin_check.h"
#include "traject/plugin_host.h"

namespace traject {
namespace {

namespace fs = std::filesystem;
using fs::perms;

fs::path Bundled(const std::string& name) {
  return fs::path(TRAJECT_BUNDLED_PLUGIN_DIR) / ("traject-" + name + ".so");
}
fs::path Fault(const std::string& name) {
  return fs::path(TRAJECT_TEST_PLUGIN_DIR) / name / ("traject-" + name + ".so");
}

// Makes `dir` (created if need be) have exactly `mode`, whatever the umask.
fs::path Dir(const fs::path& dir, unsigned mode) {
  fs::create_directories(dir);
  EXPECT_EQ(::chmod(dir.c_str(), mode), 0) << dir;
  return dir;
}
fs::path Copy(const fs::path& from, const fs::path& to, unsigned mode) {
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  EXPECT_EQ(::chmod(to.c_str(), mode), 0) << to;
  return to;
}

// While alive, the marks-load plugin's static initialiser writes `marker` when it runs.
class LoadMarker {
 public:
  explicit LoadMarker(fs::path marker) : marker_(std::move(marker)) {
    ::setenv("TRAJECT_TEST_LOAD_MARKER", marker_.c_str(), 1);
  }
  ~LoadMarker() { ::unsetenv("TRAJECT_TEST_LOAD_MARKER"); }
  bool ran() const { return fs::exists(marker_); }

 private:
  fs::path marker_;
};

std::string MessageOf(const fs::path& file) { return LoadedPlugin::Load(file).status().message(); }

// The reported case, and a directory further up: what someone else can write on the way to a
// plugin is named, with its mode, and nothing is loaded.
TEST(PluginLoadPermissionsTest, ADirectoryOthersCanWriteOnThePathIsRefused) {
  test::TempDir temp;
  const fs::path root = Dir(temp.path(), 0755);
  const fs::path open = Dir(root / "open", 0777);
  const fs::path file = Copy(Bundled("schiphol"), open / "traject-schiphol.so", 0644);
  const fs::path links = Dir(root / "links", 0755);
  fs::create_symlink(file, links / "traject-schiphol.so");

  const std::string expected = fmt::format(
      "plugin file {}: the directory {} on its path is writable by others (mode 0777): refused; "
      "whoever can change a directory on the way can swap the plugin for their own (chmod go-w "
      "{}, or keep plugins in directories only you or root can change)",
      (links / "traject-schiphol.so").string(), open.string(), open.string());
  EXPECT_EQ(MessageOf(links / "traject-schiphol.so"), expected);
  EXPECT_NE(MessageOf(file).find(
                fmt::format("the directory {} on its path is writable by others", open.string())),
            std::string::npos);

  // Further up: a plugin directory of the owner's alone, inside one others can write.
  const fs::path deep = Dir(open / "mine", 0755);
  Copy(Bundled("schiphol"), deep / "traject-schiphol.so", 0644);
  PluginRegistry registry;
  Status s = registry.LoadDirectories({deep});
  EXPECT_EQ(s.code(), Status::Code::kPlugin);
  EXPECT_EQ(s.message().rfind(fmt::format("plugin directory {}: the directory {} on its path is "
                                          "writable by others (mode 0777)",
                                          deep.string(), open.string()),
                              0),
            0u)
      << s.message();
  EXPECT_TRUE(registry.plugins().empty());

  ASSERT_EQ(::chmod(open.c_str(), 0755), 0);
  EXPECT_OK(LoadedPlugin::Load(links / "traject-schiphol.so"));  // all safe now: loads

  if (::geteuid() != 0) return;  // only root can give a directory to another group
  // Writable by a group that is not the owner's private one: refused the same way.
  ASSERT_EQ(::chown(open.c_str(), 0, 1), 0);
  ASSERT_EQ(::chmod(open.c_str(), 0775), 0);
  EXPECT_NE(MessageOf(file).find(fmt::format(
                "the directory {} on its path is writable by its group (gid 1, mode 0775)",
                open.string())),
            std::string::npos)
      << MessageOf(file);
}

// A sticky shared directory (/tmp) may be on the way, since there no one else can rename or
// remove what is yours; it is never a plugin directory, and what is taken from it must be
// yours or root's.
TEST(PluginLoadPermissionsTest, AStickySharedDirectoryIsOnlyAWayThrough) {
  test::TempDir temp;
  const fs::path shared = Dir(temp.path() / "shared", 01777);
  const fs::path mine = Dir(shared / "mine", 0755);
  Copy(Bundled("schiphol"), mine / "traject-schiphol.so", 0644);
  PluginRegistry registry;
  ASSERT_OK(registry.LoadDirectories({mine}));
  EXPECT_NE(registry.PluginFor("schiphol"), nullptr);

  Copy(Bundled("schiphol"), shared / "traject-schiphol.so", 0644);
  PluginRegistry in_shared;
  Status s = in_shared.LoadDirectories({shared});
  EXPECT_EQ(s.message().rfind(fmt::format("plugin directory {} is writable by others (mode 1777): "
                                          "refused",
                                          shared.string()),
                              0),
            0u)
      << s.message();
  EXPECT_TRUE(in_shared.plugins().empty());

  if (::geteuid() != 0) return;  // only root can give files away to test the rest
  // Someone else's link in the shared directory, to a good plugin: its owner could point it
  // anywhere, so it is refused.
  const fs::path link = shared / "traject-link.so";
  fs::create_symlink(mine / "traject-schiphol.so", link);
  ASSERT_EQ(::lchown(link.c_str(), 1, 1), 0);
  EXPECT_EQ(MessageOf(link),
            fmt::format("plugin file {}: the link {} on its path is owned by uid 1, neither you "
                        "nor root: refused; whoever owns a link chooses what it leads to",
                        link.string(), link.string()));
  // Someone else's directory, however closed: refused, naming its owner.
  ASSERT_EQ(::chown(mine.c_str(), 1, 1), 0);
  EXPECT_NE(MessageOf(mine / "traject-schiphol.so")
                .find(fmt::format("the directory {} on its path is owned by uid 1, neither you "
                                  "nor root: refused",
                                  mine.string())),
            std::string::npos)
      << MessageOf(mine / "traject-schiphol.so");
  ASSERT_EQ(::chown(mine.c_str(), 0, 0), 0);
}

// The checker refuses an unsafe file before any of its code runs: the marks-load plugin's
// static initialiser would write the marker at dlopen, so a refusal after loading would show.
TEST(PluginLoadPermissionsTest, CheckRefusesAnUnsafePluginBeforeItsCodeRuns) {
  test::TempDir temp;
  const fs::path root = Dir(temp.path(), 0755);
  LoadMarker marker(root / "marker");
  const fs::path open = Dir(root / "open", 0777);
  const fs::path safe = Dir(root / "safe", 0755);
  fs::create_symlink(open / "traject-marks-load.so", safe / "traject-link.so");
  const std::vector<std::pair<fs::path, std::string>> cases = {
      {Copy(Fault("marks-load"), open / "traject-marks-load.so", 0644),
       fmt::format("the directory {} on its path is writable by others", open.string())},
      {safe / "traject-link.so",
       fmt::format("the directory {} on its path is writable by others", open.string())},
      {Copy(Fault("marks-load"), safe / "traject-marks-load.so", 0666),
       "is writable by others (mode 0666)"},
  };
  for (const auto& [file, reason] : cases) {
    ConformanceReport report = CheckPlugin(file);
    ASSERT_EQ(report.checks.size(), 1u) << file;
    EXPECT_FALSE(report.checks[0].passed);
    EXPECT_NE(report.checks[0].detail.find(reason), std::string::npos) << report.checks[0].detail;
    EXPECT_EQ(report.checks[0].detail.rfind("plugin file " + file.string(), 0), 0u);
    EXPECT_TRUE(report.plugin.empty());
    EXPECT_FALSE(marker.ran()) << file;
  }
  // The marker works: the same plugin where only its owner can change it loads, and runs.
  ASSERT_EQ(::chmod((safe / "traject-marks-load.so").c_str(), 0644), 0);
  EXPECT_EQ(CheckPlugin(safe / "traject-marks-load.so").plugin, "marks-load 0.1.0");
  EXPECT_TRUE(marker.ran());
}

// The race: one thread swaps a link between a safe plugin and one in a world-writable
// directory (itself writable by others, so the old check by path refused it when it looked
// and loaded it when the link had moved on) while this one loads through the link. Nothing
// from the unsafe file may ever run.
TEST(PluginLoadPermissionsTest, ASwappedLinkNeverLoadsTheUnsafePlugin) {
  test::TempDir temp;
  const fs::path root = Dir(temp.path(), 0755);
  LoadMarker marker(root / "marker");
  const fs::path safe = Copy(Bundled("schiphol"), Dir(root / "safe", 0755) / "traject-x.so", 0644);
  const fs::path unsafe =
      Copy(Fault("marks-load"), Dir(root / "unsafe", 0777) / "traject-x.so", 0666);
  const fs::path links = Dir(root / "links", 0755);
  const fs::path link = links / "traject-x.so";
  fs::create_symlink(safe, link);

  std::atomic<bool> stop{false};
  std::atomic<long> swaps{0};
  std::thread swapper([&] {
    const fs::path next = links / "next";
    for (bool to_unsafe = true; !stop.load(); to_unsafe = !to_unsafe) {
      std::error_code ignored;
      fs::remove(next, ignored);
      fs::create_symlink(to_unsafe ? unsafe : safe, next, ignored);
      fs::rename(next, link, ignored);  // atomic: the link always exists
      swaps.fetch_add(1);
    }
  });
  int loaded = 0, refused = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 300; ++i) {
    // At least one swap between loads, so that both targets are met; the swapper does not
    // wait, so swaps also fall inside loads.
    for (const long seen = swaps.load(); swaps.load() == seen;) std::this_thread::yield();
    Result<std::shared_ptr<LoadedPlugin>> plugin = LoadedPlugin::Load(link);
    if (plugin.ok()) {
      ++loaded;
      EXPECT_EQ((*plugin)->name(), "schiphol");
    } else {
      ++refused;
      EXPECT_NE(plugin.status().message().find("is writable by others"), std::string::npos)
          << plugin.status().message();
    }
  }
  stop = true;
  swapper.join();
  EXPECT_FALSE(marker.ran()) << "the unsafe plugin's code ran";
  EXPECT_GT(loaded, 0);
  EXPECT_GT(refused, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

// A plugin is loaded under the name of its descriptor (/proc/self/fd/N), and numbers are
// reused: a second plugin opened at the number the first was loaded from is still itself.
TEST(PluginLoadPermissionsTest, PluginsLoadedInTurnAreEachThemselves) {
  Result<std::shared_ptr<LoadedPlugin>> first = LoadedPlugin::Load(Bundled("schiphol"));
  ASSERT_OK(first);
  for (const char* name : {"zuidoostwerkt", "haven-westpoort"}) {
    Result<std::shared_ptr<LoadedPlugin>> next = LoadedPlugin::Load(Bundled(name));
    ASSERT_OK(next);
    EXPECT_EQ((*next)->name(), name);
    EXPECT_EQ((*next)->path(), Bundled(name));
  }
  EXPECT_EQ((*first)->name(), "schiphol");
}

}  // namespace
}  // namespace traject
