// Loading a shared library from a descriptor already open on it, so that the code that runs is
// the code of the file whose checks passed (load_permissions.h), whatever happens to its path
// meanwhile. dlopen takes a name, not a descriptor: the name given is "/proc/self/fd/N", a
// link the kernel resolves to the very inode open at N (not to the path it was opened by).
//
// glibc returns a library already loaded under the same name without opening anything, and a
// descriptor number is reused once closed: a plugin loaded from fd 5 and still loaded (or never
// unloaded: glibc keeps a library with unique symbols for good) would come back for the next
// file opened at fd 5. So the name is first made one that no loaded library has, by moving the
// descriptor to a higher number until it is.
#ifndef TRAJECT_SRC_PLUGIN_LIBRARY_FROM_DESCRIPTOR_H_
#define TRAJECT_SRC_PLUGIN_LIBRARY_FROM_DESCRIPTOR_H_

#include <boost/dll/shared_library.hpp>
#include <filesystem>

#include "plugin/load_permissions.h"
#include "traject/status.h"

namespace traject::plugin {

// Loads the library open at `file` (RTLD_NOW | RTLD_LOCAL) into `library`. `file` may be moved
// to another descriptor number; it stays open until the call returns (close it after, or keep
// it). `shown` is the file's path, used in errors instead of the /proc name. Errors:
// Status::Plugin "cannot load as a shared library: <dlopen error>" (the error names `shown`),
// "cannot load as a shared library: no free descriptor name (...)".
Status LoadLibraryFromDescriptor(UniqueFd& file, const std::filesystem::path& shown,
                                 boost::dll::shared_library& library);

}  // namespace traject::plugin

#endif  // TRAJECT_SRC_PLUGIN_LIBRARY_FROM_DESCRIPTOR_H_
