extension StableHash {
    /// A hash value as the 16 lower-case hex digits the archive files use.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
