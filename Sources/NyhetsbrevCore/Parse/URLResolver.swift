import CLibXML2

/// RFC 3986 reference resolution (xml:base chains, the document URL, links
/// inside content), done by libxml2's `xmlBuildURI` so that odd but legal
/// references resolve the same way everywhere.
enum URLResolver {
    /// `reference` made absolute against `base`; the reference unchanged when
    /// there is no base or it is already absolute; nil only for an empty reference.
    static func resolve(_ reference: String, against base: String?) -> String? {
        resolve(trimmed: reference.trimmingASCIIWhitespace(), against: base)
    }

    /// `resolve` of a reference already trimmed of ASCII whitespace.
    static func resolve(trimmed ref: String, against base: String?) -> String? {
        guard let base, !base.isEmpty else { return ref.isEmpty ? nil : ref }
        if hasScheme(ref) { return ref }
        guard let built = ref.withCString({ r in
            base.withCString { b in
                xmlBuildURI(UnsafeRawPointer(r).assumingMemoryBound(to: xmlChar.self), UnsafeRawPointer(b).assumingMemoryBound(to: xmlChar.self))
            }
        }) else { return ref.isEmpty ? base : ref }
        defer { nyh_xml_free(built) }
        return String(cString: UnsafeRawPointer(built).assumingMemoryBound(to: CChar.self))
    }

    /// Whether the text starts with `scheme:` (letters, digits, + - . after a letter).
    static func hasScheme(_ s: String) -> Bool { hasScheme(utf8: s.utf8) }

    static func hasScheme(utf8: some Sequence<UInt8>) -> Bool {
        var first = true
        for b in utf8 {
            if b == 0x3A { return !first }
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            if first {
                guard letter else { return false }
                first = false
            } else if !(letter || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E) {
                return false
            }
        }
        return false
    }
}
