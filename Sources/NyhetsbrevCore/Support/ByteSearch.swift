#if canImport(Glibc)
import Glibc
#endif

/// Substring search on raw bytes (memchr for the first byte, memcmp for the
/// rest), because folded text is compared byte for byte and the search path
/// scans hundreds of megabytes of index for one rare word.
enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `haystack` at or after `from`.
    static func firstIndex(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress else { return needle.isEmpty ? from : nil }
        var position = from
        let last = haystack.count - needle.count
        return needle.withUnsafeBytes { pattern -> Int? in
            guard let pattern = pattern.baseAddress else { return nil }
            while position <= last {
                guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
                let offset = UnsafeRawPointer(hit) - base
                if memcmp(hit, pattern, needle.count) == 0 { return offset }
                position = offset + 1
            }
            return nil
        }
    }

    static func contains(_ needle: [UInt8], in text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstIndex(of: needle, in: UnsafeRawBufferPointer($0)) != nil }
    }

    /// Offset of the next `byte` at or after `from`, or `haystack.count`.
    static func next(_ byte: UInt8, in haystack: UnsafeRawBufferPointer, from: Int) -> Int {
        guard from < haystack.count, let base = haystack.baseAddress,
            let hit = memchr(base + from, Int32(byte), haystack.count - from)
        else { return haystack.count }
        return UnsafeRawPointer(hit) - base
    }
}
