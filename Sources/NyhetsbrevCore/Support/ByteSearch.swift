#if canImport(Glibc)
import Glibc
#endif

/// Substring search on raw bytes (memchr for the first byte, memcmp for the
/// rest), because folded text is compared byte for byte and the search path
/// scans hundreds of megabytes of index for one rare word.
enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `haystack` at or after `from`.
    static func firstIndex(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        needle.withUnsafeBytes { firstIndex(of: $0, in: haystack, from: from) }
    }

    /// The same for a literal, without an array made for it (the per-document sniffing calls this).
    static func firstIndex(of needle: StaticString, in haystack: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        firstIndex(of: UnsafeRawBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), in: haystack, from: from)
    }

    private static func firstIndex(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let pattern = needle.baseAddress, !needle.isEmpty else { return from }
        guard let base = haystack.baseAddress else { return nil }
        var position = from
        let last = haystack.count - needle.count
        while position <= last {
            guard let hit = memchr(base + position, Int32(needle[0]), last - position + 1) else { return nil }
            let offset = UnsafeRawPointer(hit) - base
            if memcmp(hit, pattern, needle.count) == 0 { return offset }
            position = offset + 1
        }
        return nil
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
