// Links against traject::traject from add_subdirectory; built only when a test asks for it.
#include "traject/version.h"

int main() { return TRAJECT_VERSION_STRING[0] == '\0'; }
