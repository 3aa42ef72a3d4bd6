// Symbol export for libtraject. Everything is hidden by default; public API carries
// TRAJECT_EXPORT. Plugins are built with hidden visibility too and export only their entry
// point through TRAJECT_PLUGIN_EXPORT (see plugin.h).
#ifndef TRAJECT_EXPORT_H_
#define TRAJECT_EXPORT_H_

// The same attribute exports a symbol from libtraject and imports it into users (ELF).
#define TRAJECT_EXPORT __attribute__((visibility("default")))
// For classes that are exported and [[nodiscard]] too: GCC accepts a C++ attribute only before
// a GNU one, so both go in one attribute list.
#define TRAJECT_NODISCARD_EXPORT [[nodiscard, gnu::visibility("default")]]

#define TRAJECT_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

#endif  // TRAJECT_EXPORT_H_
