import Foundation

/// Maps key paths (`fetch.parallel`, `sources[2].url`) to the line they are
/// written on. TOMLKit's values carry no positions, so this scans the text
/// for table headers and `key =` lines. It is best effort: a path that
/// cannot be found falls back to its enclosing table, then to nil.
struct KeyLineIndex: Sendable {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var context = ""
        var arrayCounts: [String: Int] = [:]
        var openMultilineQuote: String? = nil
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            if let quote = openMultilineQuote {
                if line.contains(quote) { openMultilineQuote = nil }
                continue
            }
            if line.hasPrefix("[[") {
                guard let end = line.range(of: "]]") else { continue }
                let name = Self.normalize(line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound])
                let count = arrayCounts[name, default: 0] + 1
                arrayCounts[name] = count
                context = "\(name)[\(count)]"
                record(context, lineNumber)
            } else if line.hasPrefix("[") {
                guard let end = line.firstIndex(of: "]") else { continue }
                context = Self.normalize(line[line.index(after: line.startIndex)..<end])
                record(context, lineNumber)
            } else if let (key, rest) = Self.splitAssignment(line) {
                record(context.isEmpty ? key : "\(context).\(key)", lineNumber)
                for quote in ["\"\"\"", "'''"] where rest.components(separatedBy: quote).count % 2 == 0 {
                    openMultilineQuote = quote
                }
            }
        }
    }

    /// The line of `keyPath`, or of the nearest enclosing table or array that was found.
    func line(for keyPath: String) -> Int? {
        var path = Substring(keyPath)
        while !path.isEmpty {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
        return nil
    }

    private mutating func record(_ path: String, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    /// `key = value` → (normalized key, value text); nil for anything else.
    private static func splitAssignment(_ line: Substring) -> (String, String)? {
        var key = ""
        var index = line.startIndex
        var quote: Character? = nil
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil } else { key.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                let trimmed = normalize(Substring(key))
                guard !trimmed.isEmpty else { return nil }
                return (trimmed, String(line[line.index(after: index)...]))
            } else if character.isLetter || character.isNumber || "_-. \t".contains(character) {
                key.append(character)
            } else {
                return nil
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// Removes blanks around dots and at the ends, so `a . b` matches `a.b`.
    private static func normalize(_ text: Substring) -> String {
        text.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ".")
    }
}
