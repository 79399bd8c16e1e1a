import TOMLKit

/// Typed, validating access to one TOML table. Every accessor reports a
/// wrong type or an out-of-range value to the collector and returns nil, so
/// callers keep their defaults and carry on collecting further problems.
struct TableFields {
    let table: TOMLTable
    /// Key path of the table itself: "" for the document, `fetch`, `sources[2]`.
    let path: String

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { table.contains(key: key) }

    /// Reports every key not in `known`, suggesting the closest known key.
    func rejectUnknownKeys(_ known: [String], into problems: inout ProblemCollector) {
        for key in table.keys where !known.contains(key) {
            var message = "unknown key \"\(key)\""
            let tolerance = key.count > 4 ? 2 : 1
            if let suggestion = known.min(by: { Self.distance($0, key) < Self.distance($1, key) }),
                Self.distance(suggestion, key) <= tolerance
            {
                message += " (did you mean \"\(suggestion)\"?)"
            } else {
                message += " (allowed here: \(known.joined(separator: ", ")))"
            }
            problems.report(keyPath(key), message)
        }
    }

    func string(_ key: String, into problems: inout ProblemCollector) -> String? {
        value(key, expected: "a string", into: &problems) { $0.string }
    }

    /// A string that must not be empty or blank.
    func text(_ key: String, into problems: inout ProblemCollector) -> String? {
        guard let text = string(key, into: &problems) else { return nil }
        guard !text.allSatisfy(\.isWhitespace) else {
            problems.report(keyPath(key), "must not be empty")
            return nil
        }
        return text
    }

    func bool(_ key: String, into problems: inout ProblemCollector) -> Bool? {
        value(key, expected: "true or false", into: &problems) { $0.bool }
    }

    func integer(_ key: String, in range: ClosedRange<Int>, into problems: inout ProblemCollector) -> Int? {
        guard let number = value(key, expected: "an integer", into: &problems, { $0.int }) else { return nil }
        guard range.contains(number) else {
            problems.report(keyPath(key), "\(number) is out of range (\(range.lowerBound)...\(range.upperBound))")
            return nil
        }
        return number
    }

    /// A duration written as `"30m"`-style text.
    func duration(_ key: String, in range: ClosedRange<Duration>, into problems: inout ProblemCollector) -> Duration? {
        guard let text = value(key, expected: "a duration string like \"30m\"", into: &problems, { $0.string }) else {
            return nil
        }
        guard let duration = DurationSyntax.parse(text) else {
            problems.report(
                keyPath(key), "invalid duration \"\(text)\" (use e.g. \"45s\", \"30m\", \"2h\", \"1d\" or \"1h30m\")")
            return nil
        }
        return checked(duration, key, in: range, into: &problems)
    }

    /// Seconds as a number (`10`, `2.5`) or a duration string (`"10s"`).
    func seconds(_ key: String, in range: ClosedRange<Duration>, into problems: inout ProblemCollector) -> Double? {
        guard let node = table[key] else { return nil }
        let duration: Duration
        if let whole = node.int {
            duration = .seconds(whole)
        } else if let fraction = node.double, fraction.isFinite, abs(fraction) < 1e12 {
            duration = .milliseconds(Int64((fraction * 1000).rounded()))
        } else if node.string != nil {
            guard let parsed = self.duration(key, in: range, into: &problems) else { return nil }
            duration = parsed
        } else {
            problems.report(keyPath(key), "expected a number of seconds or a duration string like \"30s\", found \(Self.describe(node.type))")
            return nil
        }
        guard let valid = checked(duration, key, in: range, into: &problems) else { return nil }
        let parts = valid.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// A byte count as an integer or a size string (`"20MB"`).
    func byteCount(_ key: String, in range: ClosedRange<Int>, into problems: inout ProblemCollector) -> Int? {
        guard let node = table[key] else { return nil }
        let bytes: Int
        if let whole = node.int {
            bytes = whole
        } else if let text = node.string {
            guard let parsed = ByteSizeSyntax.parse(text) else {
                problems.report(keyPath(key), "invalid size \"\(text)\" (use e.g. \"512KB\", \"20MB\" or \"1GB\")")
                return nil
            }
            bytes = parsed
        } else {
            problems.report(keyPath(key), "expected a size like \"20MB\" or a number of bytes, found \(Self.describe(node.type))")
            return nil
        }
        guard range.contains(bytes) else {
            problems.report(keyPath(key), "\(bytes) bytes is out of range (\(range.lowerBound)...\(range.upperBound))")
            return nil
        }
        return bytes
    }

    /// An array whose elements are all non-empty strings.
    func stringArray(_ key: String, into problems: inout ProblemCollector) -> [String]? {
        guard let array = value(key, expected: "an array of strings", into: &problems, { $0.array }) else { return nil }
        var strings: [String] = []
        var valid = true
        for (offset, element) in array.enumerated() {
            let elementPath = "\(keyPath(key))[\(offset + 1)]"
            if let string = element.string, !string.isEmpty {
                strings.append(string)
            } else {
                valid = false
                let found = element.string == nil ? Self.describe(element.type) : "an empty string"
                problems.report(elementPath, "expected a non-empty string, found \(found)")
            }
        }
        return valid ? strings : nil
    }

    /// The array of tables under `key` (`[[key]]`), each with its own key path counted from 1.
    func tableArray(_ key: String, into problems: inout ProblemCollector) -> [TableFields] {
        let hint = "an array of tables (write each entry as [[\(key)]])"
        guard let array = value(key, expected: hint, into: &problems, { $0.array }) else { return [] }
        var tables: [TableFields] = []
        for (offset, element) in array.enumerated() {
            let elementPath = "\(keyPath(key))[\(offset + 1)]"
            guard let table = element.table else {
                problems.report(elementPath, "expected a table, found \(Self.describe(element.type))")
                continue
            }
            tables.append(TableFields(table: table, path: elementPath))
        }
        return tables
    }

    /// The sub-table under `key` (`[key]`), or nil when absent or not a table.
    func subtable(_ key: String, into problems: inout ProblemCollector) -> TableFields? {
        guard let table = value(key, expected: "a table ([\(key)])", into: &problems, { $0.table }) else { return nil }
        return TableFields(table: table, path: keyPath(key))
    }

    /// The value under `key` converted by `extract`; absent keys are not a problem here.
    private func value<T>(
        _ key: String, expected: String, into problems: inout ProblemCollector,
        _ extract: (TOMLValueConvertible) -> T?
    ) -> T? {
        guard let node = table[key] else { return nil }
        guard let converted = extract(node) else {
            problems.report(keyPath(key), "expected \(expected), found \(Self.describe(node.type))")
            return nil
        }
        return converted
    }

    private func checked(
        _ duration: Duration, _ key: String, in range: ClosedRange<Duration>, into problems: inout ProblemCollector
    ) -> Duration? {
        guard range.contains(duration) else {
            let bounds = "\(DurationSyntax.format(range.lowerBound))...\(DurationSyntax.format(range.upperBound))"
            problems.report(keyPath(key), "\(DurationSyntax.format(duration)) is out of range (\(bounds))")
            return nil
        }
        return duration
    }

    static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a floating-point number"
        case .bool: "a boolean"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }

    /// Edit distance counting an adjacent transposition as one edit
    /// (optimal string alignment), so `titel` is one step from `title`.
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
