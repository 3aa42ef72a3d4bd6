// Who may change a plugin before it is loaded. A plugin runs with the rights of whoever loads
// it, so a file or directory that someone else can write is a way for them to run code as the
// coordinator: such a plugin is refused, as OpenSSH refuses a key file others can write.
#ifndef TRAJECT_SRC_PLUGIN_LOAD_PERMISSIONS_H_
#define TRAJECT_SRC_PLUGIN_LOAD_PERMISSIONS_H_

#include <filesystem>

#include "traject/status.h"

namespace traject::plugin {

// OK when `path` (a plugin file or a directory plugins are loaded from; links followed) is
// owned by root or by the effective user, and writable by nobody else: not by others, and by
// its group only when that is the owner's private group (group id = user id, as Debian's
// USERGROUPS_ENAB makes them). Errors: Status::Plugin "<what> <path> is writable by others
// (mode 0NNN) ...", "... is writable by its group ...", "... is owned by uid N, neither you
// nor root ...", "cannot inspect <what> <path>: <reason>". `what` is "plugin file" or
// "plugin directory".
Status RequireOnlyOwnerCanChange(const std::filesystem::path& path, const char* what);

}  // namespace traject::plugin

#endif  // TRAJECT_SRC_PLUGIN_LOAD_PERMISSIONS_H_
