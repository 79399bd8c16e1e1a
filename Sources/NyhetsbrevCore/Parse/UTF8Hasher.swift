/// A cheap hash of UTF-8 bytes, word by word, for `Interned`'s scan:
/// equal hashes are confirmed by comparing the bytes, so it only has to
/// tell most different values apart, which `Hasher`'s SipHash did at
/// several times the cost.
struct UTF8Hasher {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    mutating func combine(_ word: UInt64) {
        value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value ^= value >> 29
    }

    /// The length and then the bytes, so that consecutive values cannot run into each other.
    mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        combine(UInt64(bytes.count))
        guard let start = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(start)
        var i = 0
        while i + 8 <= bytes.count {
            combine(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        guard i < bytes.count else { return }
        var tail: UInt64 = 0
        while i < bytes.count {
            tail = tail << 8 | UInt64(bytes[i])
            i += 1
        }
        combine(tail)
    }
}
