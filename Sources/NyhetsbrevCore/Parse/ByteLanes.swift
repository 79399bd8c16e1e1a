/// Sixteen bytes at a time, as `SIMD16<UInt8>` lanes, for the byte scans
/// of the HTML and text paths. Comparisons are combined as bytes (`flags`):
/// `.|` and `.!` on `SIMDMask` compile to a loop over the lanes.
enum ByteLanes {
    @_transparent
    static func load(_ p: UnsafePointer<UInt8>) -> SIMD16<UInt8> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt8>.self)
    }

    /// A lane comparison as bytes, 0xFF where it holds.
    @_transparent
    static func flags(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD16<UInt8> {
        SIMD16(repeating: 0).replacing(with: 0xFF, where: mask)
    }

    /// The number of the first lane set in `flags` (0 or 0xFF each), or 16 when none is.
    @_transparent
    static func firstSet(_ flags: SIMD16<UInt8>) -> Int {
        let words = unsafeBitCast(flags, to: SIMD2<UInt64>.self)
        let low = UInt64(littleEndian: words[0])
        return low != 0 ? low.trailingZeroBitCount >> 3 : 8 + UInt64(littleEndian: words[1]).trailingZeroBitCount >> 3
    }

    /// The number of the first lane from `lane` (0...16) on set in `flags`, or 16 when none is.
    @_transparent
    static func firstSet(_ flags: SIMD16<UInt8>, from lane: Int) -> Int {
        let words = unsafeBitCast(flags, to: SIMD2<UInt64>.self)
        // shifts of 64 bits or more give 0
        let low = UInt64(littleEndian: words[0]) & UInt64.max << (8 * lane)
        let high = UInt64(littleEndian: words[1]) & UInt64.max << (8 * max(lane - 8, 0))
        return low != 0 ? low.trailingZeroBitCount >> 3 : 8 + high.trailingZeroBitCount >> 3
    }
}
