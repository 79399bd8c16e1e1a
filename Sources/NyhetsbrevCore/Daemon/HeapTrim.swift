#if canImport(Glibc)
import Glibc
#endif

/// Gives freed heap pages back to the system. glibc keeps what a thread
/// frees in that thread's arena for reuse; a cycle parses hundreds of
/// documents on several threads and frees almost all of it, so without
/// this the process's resident size is the sum of each arena's high-water
/// mark, a third more than it ever holds at once, and a daemon keeps that
/// between cycles. `malloc_trim` is looked up at run time: it is glibc's,
/// and the Glibc module does not export malloc.h. Elsewhere this does nothing.
enum HeapTrim {
    /// Sources settled between two trims in a cycle: each trim costs well under a millisecond.
    static let interval = 32

    static func now() {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        let trim = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        _ = trim(0)
        #endif
    }
}
