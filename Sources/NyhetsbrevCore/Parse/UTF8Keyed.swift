#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value interned by its UTF-8 bytes. Hashing a String hashes its
/// Unicode-normalised form, which for text not known to be ASCII (most
/// Swedish bylines and sections) normalised the whole value on every
/// lookup; and only values equal byte for byte can share storage without
/// changing what an entry says.
protocol UTF8Keyed {
    func hashUTF8(into hasher: inout UTF8Hasher)
    func hasSameUTF8(as other: Self) -> Bool
}

extension String: UTF8Keyed {
    /// Reads the UTF-8 where it is (a small String's on the stack), without
    /// copying the String as `withUTF8` on a `var` of it did (a retain and a release).
    @inline(__always)
    func withUTF8InPlace<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var s = self
        return s.withUTF8(body)
    }

    func hashUTF8(into hasher: inout UTF8Hasher) {
        withUTF8InPlace { hasher.combine($0) }
    }

    func hasSameUTF8(as other: String) -> Bool {
        let n = utf8.count
        guard n == other.utf8.count else { return false }
        return n == 0 || withUTF8InPlace { x in other.withUTF8InPlace { y in memcmp(x.baseAddress!, y.baseAddress!, n) == 0 } }
    }
}

extension Optional: UTF8Keyed where Wrapped: UTF8Keyed {
    func hashUTF8(into hasher: inout UTF8Hasher) {
        guard let value = self else { return hasher.combine(0) }
        hasher.combine(1)
        value.hashUTF8(into: &hasher)
    }

    func hasSameUTF8(as other: Self) -> Bool {
        guard let value = self else { return other == nil }
        guard let otherValue = other else { return false }
        return value.hasSameUTF8(as: otherValue)
    }
}

extension Author: UTF8Keyed {
    func hashUTF8(into hasher: inout UTF8Hasher) {
        name.hashUTF8(into: &hasher)
        email.hashUTF8(into: &hasher)
        uri.hashUTF8(into: &hasher)
    }

    func hasSameUTF8(as other: Author) -> Bool {
        name.hasSameUTF8(as: other.name) && email.hasSameUTF8(as: other.email) && uri.hasSameUTF8(as: other.uri)
    }
}

/// Lists, read through their buffers (indexing an array copied each element).
extension Array where Element: UTF8Keyed {
    func hashUTF8(into hasher: inout UTF8Hasher) {
        hasher.combine(UInt64(count))
        withUnsafeBufferPointer { for element in $0 { element.hashUTF8(into: &hasher) } }
    }

    func hasSameUTF8(as other: [Element]) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                // the usual case: a list that `add` made share the last one's storage
                a.baseAddress == b.baseAddress || a.indices.allSatisfy { a[$0].hasSameUTF8(as: b[$0]) }
            }
        }
    }
}
