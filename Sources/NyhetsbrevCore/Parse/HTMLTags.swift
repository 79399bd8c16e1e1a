/// Every tag name the HTML path treats specially, numbered once, with what
/// the sanitizer's and the text converter's tag sets say about each, so a
/// tag is looked up once from its bytes and then known by number.
enum HTMLTags {
    /// What the tag sets say about one tag.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let allowed = Flags(rawValue: 1)
        static let dropped = Flags(rawValue: 2)
        static let void = Flags(rawValue: 4)
        static let textBlock = Flags(rawValue: 8)
        static let textSkipped = Flags(rawValue: 16)
        /// Content is raw text up to the matching end tag (`<script>`, `<style>`).
        static let rawText = Flags(rawValue: 32)
    }

    private static let names: [String] = {
        var all = Set(HTMLSanitizer.allowedTags)
        all.formUnion(HTMLSanitizer.droppedWithContent)
        all.formUnion(HTMLSanitizer.voidTags)
        all.formUnion(HTMLText.blockTags)
        all.formUnion(HTMLText.skippedTags)
        all.formUnion(rawTextTags)
        all.insert("title")
        return all.sorted()
    }()

    private static let rawTextTags: Set<String> = ["script", "style"]

    /// Tag numbers; 0 is any tag not named in a set.
    static let table = HTMLNameTable(names)

    /// Flags by tag number.
    static let flags = PermanentTable<Flags>({
        var flags: [Flags] = [[]]
        for name in names {
            var f: Flags = []
            if HTMLSanitizer.allowedTags.contains(name) { f.insert(.allowed) }
            if HTMLSanitizer.droppedWithContent.contains(name) { f.insert(.dropped) }
            if HTMLSanitizer.voidTags.contains(name) { f.insert(.void) }
            if HTMLText.blockTags.contains(name) { f.insert(.textBlock) }
            if HTMLText.skippedTags.contains(name) { f.insert(.textSkipped) }
            if rawTextTags.contains(name) { f.insert(.rawText) }
            flags.append(f)
        }
        return flags
    }())

    /// The number of `<title>`.
    static let title = (names.firstIndex(of: "title") ?? -1) + 1
}
