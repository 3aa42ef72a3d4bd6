#include "plugin/library_from_descriptor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <link.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace traject::plugin {
namespace {

std::string ProcName(int fd) { return fmt::format("/proc/self/fd/{}", fd); }

// True when a library in the process is loaded under `name`.
bool LoadedUnder(const std::string& name) {
  struct Search {
    const std::string* name;
    bool found;
  } search{&name, false};
  ::dl_iterate_phdr(
      [](struct dl_phdr_info* info, std::size_t, void* data) {
        auto* s = static_cast<Search*>(data);
        if (info->dlpi_name && *s->name == info->dlpi_name) s->found = true;
        return s->found ? 1 : 0;
      },
      &search);
  return search.found;
}

// `text` with each occurrence of `from` replaced by `to`.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

Status LoadLibraryFromDescriptor(UniqueFd& file, const std::filesystem::path& shown,
                                 boost::dll::shared_library& library) {
  // Bounded: each step skips a number some loaded library is named after, and there are only
  // so many of those.
  for (int tries = 0; LoadedUnder(ProcName(file.get())); ++tries) {
    const int higher = tries < 4096 ? ::fcntl(file.get(), F_DUPFD_CLOEXEC, file.get() + 1) : -1;
    if (higher < 0) {
      return Status::Plugin(
          fmt::format("cannot load as a shared library: no free descriptor name ({}: {})",
                      ProcName(file.get()), tries < 4096 ? std::strerror(errno) : "all in use"));
    }
    file.reset(higher);
  }
  const std::string name = ProcName(file.get());
  try {
    library.load(boost::dll::fs::path(name),
                 boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return Status::Plugin(fmt::format("cannot load as a shared library: {}",
                                      ReplaceAll(e.what(), name, shown.string())));
  }
  return Status::OK();
}

}  // namespace traject::plugin
