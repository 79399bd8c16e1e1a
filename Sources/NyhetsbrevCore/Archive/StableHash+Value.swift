extension StableHash {
    /// A hash value as the 16 lower-case hex digits the archive files use.
    static func hex(_ value: UInt64) -> String {
        var bytes: [UInt8] = []
        appendHex(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `hex(value)` written straight into a byte buffer (every index line has several).
    static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        for shift in stride(from: 60, through: 0, by: -4) {
            bytes.append(digits.utf8Start[Int((value >> UInt64(shift)) & 0xF)])
        }
    }
}
