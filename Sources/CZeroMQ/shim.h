// libzmq from Debian's libzmq3-dev: the sockets of the Jupyter kernel.
#include <zmq.h>
// prctl(PR_SET_PDEATHSIG): the kernel ends with its parent. Here because
// Glibc's Swift module does not include <sys/prctl.h>.
#include <sys/prctl.h>
static inline int descent_set_parent_death_signal(int signal) {
  return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}
