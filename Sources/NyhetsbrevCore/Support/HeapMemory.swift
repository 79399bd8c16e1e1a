import CCurl

/// How nyhetsbrev asks glibc's malloc to hold less memory. glibc keeps what
/// is freed for reuse, in per-thread arenas, instead of giving it back. A
/// fetch cycle allocates on the transfer thread and on the parsing threads
/// and frees almost all of it, so without a trim the resident size is the
/// sum of the arenas' high-water marks, and a daemon keeps it between
/// cycles. Elsewhere than glibc this does nothing. (malloc.h comes through
/// the CCurl shim: Swift's Glibc module leaves it out.)
enum HeapMemory {
    /// Gives freed heap pages back to the system (well under a millisecond).
    static func trim() {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}
