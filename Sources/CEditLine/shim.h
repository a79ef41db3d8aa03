// libedit's el_set, el_get and history are variadic C functions, which Swift
// does not import. These fixed-argument wrappers cover the calls the REPL
// makes; each is a one-line forward to the real call.
#ifndef DESCENT_CEDITLINE_SHIM_H
#define DESCENT_CEDITLINE_SHIM_H

#include <stdio.h>
#include <histedit.h>

#endif
