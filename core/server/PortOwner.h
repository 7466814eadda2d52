#pragma once

#include <QString>

namespace flarechat {

// Which program listens on a TCP port, for "port 8787 is in use by python3 (pid 4242)": read from
// /proc on Linux (the sockets in /proc/net/tcp{,6}, their owner in /proc/<pid>/fd), and only for
// processes this user may look into. Empty where it cannot be found (another OS, another user).
namespace PortOwner {

QString describe(quint16 port);

} // namespace PortOwner
} // namespace flarechat
