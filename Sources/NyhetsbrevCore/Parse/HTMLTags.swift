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

    /// Each tag set with the flag it gives its tags; "title" is numbered for `HTMLText.title(ofPage:)`.
    private static let sets: [(names: [StaticString], flag: Flags)] = [
        (HTMLSanitizer.allowedTagNames, .allowed), (HTMLSanitizer.droppedWithContentNames, .dropped),
        (HTMLSanitizer.voidTagNames, .void), (HTMLText.blockTagNames, .textBlock), (HTMLText.skippedTagNames, .textSkipped),
        (["script", "style"], .rawText), (["title"], []),
    ]

    /// Tag numbers; 0 is any tag not named in a set.
    static let table = HTMLNameTable(sets.flatMap(\.names))

    /// Flags by tag number.
    static let flags = PermanentTable<Flags>({
        var flags = [Flags](repeating: [], count: table.count + 1)
        for set in sets {
            for name in set.names { flags[table.lookup(name)].insert(set.flag) }
        }
        return flags
    }())

    /// The number of `<title>`.
    static let title = table.lookup("title")
}
