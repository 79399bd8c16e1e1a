import CCurl

/// glibc's malloc gives threads that contend for it arenas of their own (up
/// to eight per core), and each arena keeps its own high-water mark: a fetch
/// cycle allocates on the transfer thread and on the parsing threads, and
/// the arenas together held 6 MB more at the peak (52 vs 46 MB for 500
/// sources) than one shared arena, for no measurable gain in speed on the
/// two cores a server gives us. So nyhetsbrev uses one arena, as if started
/// with `MALLOC_ARENA_MAX=1`, unless that variable says otherwise.
public enum MallocArenas {
    /// Limits malloc to one arena unless `MALLOC_ARENA_MAX` is set; call it
    /// first thing in `main`, before other threads allocate. Returns whether
    /// the limit was applied.
    @discardableResult
    public static func useOne(environment: [String: String]) -> Bool {
        #if canImport(Glibc)
        guard environment["MALLOC_ARENA_MAX"] == nil else { return false }
        return mallopt(M_ARENA_MAX, 1) == 1
        #else
        return false
        #endif
    }
}
