// winnow-hold-lock DB: holds Xapian's write lock on DB until stdin reaches EOF.
// Used by tests/e2e/t070-locked.sh to play "another writer".
#include <cstdio>
#include <iostream>

#include <xapian.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: winnow-hold-lock DB\n";
    return 2;
  }
  try {
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OPEN);
    std::cout << "locked" << std::endl;  // endl flushes: the test waits for this line
    while (std::cin.get() != std::char_traits<char>::eof()) {
    }
  } catch (const Xapian::Error& error) {
    std::cerr << "winnow-hold-lock: " << error.get_description() << '\n';
    return 1;
  }
  return 0;
}
