/// A hash that is the same on every machine and every run (Swift's `Hasher`
/// is seeded per process), used to derive entry ids that must survive
/// restarts. 64-bit FNV-1a: collisions among a million entries have a
/// probability around 10⁻⁸, and it needs no crypto dependency.
public enum StableHash {
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash as 16 lower-case hex digits.
    public static func hex(_ text: String) -> String {
        hex(fnv1a64(text))
    }
}
