import Foundation

/// Reads the dates feeds and Swedish news pages actually contain: RFC 822
/// with its usual deviations, RFC 3339 / ISO 8601 (also date-only), asctime,
/// and Swedish prose ("den 22 maj 2018", "Sidan publicerades 16 november
/// 2020"). An unreadable date is nil, never "now", so a broken feed cannot
/// push old items to the top of a digest.
public enum DateParser {
    public static func parse(_ text: String, floatingTimeZone: TimeZone) -> Date? {
        parse(text, floatingTimeZone: FloatingZone(floatingTimeZone))
    }

    /// `parse` reading a zone-less time in `floatingTimeZone`.
    public static func parse(_ text: String, floatingTimeZone: FloatingZone) -> Date? {
        var copy = text
        return copy.withUTF8 { parse(validUTF8: $0, floatingTimeZone: floatingTimeZone) }
    }

    /// `parse` over UTF-8 bytes (a feed's raw date as the parser kept it),
    /// so the usual machine-written date needs no String at all.
    static func parse(validUTF8 bytes: UnsafeBufferPointer<UInt8>, floatingTimeZone: FloatingZone) -> Date? {
        guard bytes.count <= 200 else { return nil }
        return iso8601(bytes, floatingTimeZone: floatingTimeZone) ?? rfc822(bytes, floatingTimeZone: floatingTimeZone)
            ?? prose(UTF8Bytes.string(valid: bytes), floatingTimeZone: floatingTimeZone)
    }

    // MARK: ISO 8601 / RFC 3339

    /// A read position in a date's bytes. Its methods stand in for nested
    /// functions that captured the position as a `var`: every access to a
    /// captured variable was a dynamic exclusivity check in the runtime.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }

        /// Whether the byte at the position is `c` (false at the end).
        func isAt(_ c: UInt8) -> Bool { i < bytes.count && bytes[i] == c }

        /// Whether the byte at the position is an ASCII digit (false at the end).
        var isAtDigit: Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

        /// The value of exactly `n` digits at the position, moving past them; nil (not moving) when they are not all there.
        mutating func digits(_ n: Int) -> Int? {
            guard i + n <= bytes.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = bytes[k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }

        /// Moves past `c` if it is at the position.
        mutating func eat(_ c: UInt8) -> Bool {
            guard isAt(c) else { return false }
            i += 1
            return true
        }

        mutating func skipSpaces() { while isAt(0x20) { i += 1 } }
    }

    private static func iso8601(_ all: UnsafeBufferPointer<UInt8>, floatingTimeZone: FloatingZone) -> Date? {
        var c = Cursor(UTF8Bytes.trimmingASCIIWhitespace(all))
        var year: Int
        if let y = c.digits(4) {
            year = y
        } else if let y = c.digits(2), c.isAt(0x2D) {
            year = 2000 + y
        } else {
            return nil
        }
        var month = 1, day = 1
        let dashed = c.eat(0x2D)
        guard let m = c.digits(2) else { return nil }
        month = m
        if dashed {
            if c.eat(0x2D) { guard let d = c.digits(2) else { return nil }; day = d }
        } else {
            guard let d = c.digits(2) else { return nil }
            day = d
        }
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        if c.isAt(0x54) || c.isAt(0x74) || c.isAt(0x20) {
            c.i += 1
            c.skipSpaces()
            guard let h = c.digits(2) else { return nil }
            hour = h
            let colon = c.eat(0x3A)
            guard let mi = c.digits(2) else { return nil }
            minute = mi
            if (colon && c.eat(0x3A)) || (!colon && c.isAtDigit) {
                guard let s = c.digits(2) ?? c.digits(1) else { return nil }
                second = s
            }
            if c.eat(0x2E) || c.eat(0x2C) {
                while c.isAtDigit { c.i += 1 }
            }
            c.skipSpaces()
            if c.eat(0x5A) || c.eat(0x7A) {
                offset = 0
            } else if c.isAt(0x2B) || c.isAt(0x2D) {
                let sign = c.isAt(0x2D) ? -1 : 1
                c.i += 1
                guard let oh = c.digits(2) else { return nil }
                _ = c.eat(0x3A)
                let om = c.digits(2) ?? 0
                offset = sign * (oh * 3600 + om * 60)
            } else if !c.atEnd {
                let rest = String(decoding: c.bytes[c.i...], as: UTF8.self).uppercased()
                guard let z = namedZones[rest] else { return nil }
                offset = z
                c.i = c.bytes.count
            }
        }
        guard c.atEnd else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset, floatingTimeZone: floatingTimeZone)
    }

    // MARK: RFC 822

    private static let englishMonths: [(UInt8, UInt8, UInt8)] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map {
        let b = Array($0.utf8)
        return (b[0], b[1], b[2])
    }

    /// The canonical RFC 822 shape, `[Wkd, ]D Mon YYYY HH:MM[:SS] ZONE`, read
    /// straight from the bytes because it is by far the most common date in
    /// feeds; every deviation falls through to the general reader.
    private static func rfc822(_ all: UnsafeBufferPointer<UInt8>, floatingTimeZone: FloatingZone) -> Date? {
        // the fields between runs of whitespace, at most seven (more cannot be this shape)
        var starts = InlineArray<7, Int>(repeating: 0)
        var ends = InlineArray<7, Int>(repeating: 0)
        var count = 0
        var i = 0
        let n = all.count
        while i < n {
            while i < n, isFieldSeparator(all[i]) { i += 1 }
            guard i < n else { break }
            let start = i
            while i < n, !isFieldSeparator(all[i]) { i += 1 }
            guard count < 7 else { return nil }
            starts[count] = start
            ends[count] = i
            count += 1
        }
        guard count >= 4, count <= 6 else { return nil }
        func field(_ k: Int) -> Slice<UnsafeBufferPointer<UInt8>> { all[starts[k]..<ends[k]] }
        var first = 0
        if field(0).last == 0x2C {
            guard field(0).count == 4 else { return nil }
            first = 1
        }
        guard count - first == 4 || count - first == 5 else { return nil }
        func number(_ f: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            guard !f.isEmpty, f.count <= 4 else { return nil }
            var v = 0
            for c in f {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        let dayField = field(first), monthField = field(first + 1), yearField = field(first + 2)
        guard let day = number(dayField), dayField.count <= 2, monthField.count == 3, let month = englishMonth(monthField),
            var year = number(yearField), yearField.count == 4 || yearField.count == 2
        else { return nil }
        if yearField.count == 2 { year += year < 70 ? 2000 : 1900 }
        let clock = field(first + 3)
        guard let colon1 = clock.firstIndex(of: 0x3A) else { return nil }
        let rest = clock[(colon1 + 1)...]
        let colon2 = rest.firstIndex(of: 0x3A)
        if let colon2, rest[(colon2 + 1)...].contains(0x3A) { return nil }
        guard let hour = number(clock[..<colon1]), let minute = number(rest[..<(colon2 ?? rest.endIndex)]) else { return nil }
        let second = colon2.map { number(rest[($0 + 1)...]) } ?? 0
        guard let second else { return nil }
        var offset: Int?
        if count - first == 5 {
            let zone = field(first + 4)
            if let sign = zone.first, sign == 0x2B || sign == 0x2D {
                guard zone.count == 5, let v = number(zone.dropFirst()) else { return nil }
                offset = (sign == 0x2D ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
            } else {
                guard let z = namedZones[String(decoding: zone, as: UTF8.self).uppercased()] else { return nil }
                offset = z
            }
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset, floatingTimeZone: floatingTimeZone)
    }

    @inline(__always) private static func isFieldSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// 1...12 for a three-letter English month abbreviation, any case.
    private static func englishMonth(_ f: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard f.count == 3 else { return nil }
        let a = f[f.startIndex] | 0x20, b = f[f.startIndex + 1] | 0x20, c = f[f.startIndex + 2] | 0x20
        for (k, name) in englishMonths.enumerated() where name.0 == a && name.1 == b && name.2 == c { return k + 1 }
        return nil
    }

    // MARK: asctime and prose

    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let en = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let sv = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
        for (k, name) in en.enumerated() { m[name] = k + 1; m[String(name.prefix(3))] = k + 1 }
        for (k, name) in sv.enumerated() { m[name] = k + 1; m[String(name.prefix(3))] = k + 1 }
        m["sept"] = 9
        return m
    }()

    static let weekdays: Set<String> = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "tues", "thur", "thurs", "mån", "tis", "ons", "tor", "tors", "fre", "lör", "sön", "måndag",
        "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    ]

    static let namedZones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 3600, "IST": 3600, "WEST": 3600, "CET": 3600, "MET": 3600,
        "MEZ": 3600, "CEST": 7200, "MEST": 7200, "MESZ": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800,
        "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200, "MDT": -21600,
        "PST": -28800, "PDT": -25200, "AKST": -32400, "AKDT": -28800, "HST": -36000, "AST": -14400, "ADT": -10800,
        "ET": -18000, "CT": -21600, "MT": -25200, "PT": -28800,
        "NZST": 43200, "NZDT": 46800, "AEST": 36000, "AEDT": 39600, "JST": 32400, "KST": 32400,
    ]

    private static func prose(_ text: String, floatingTimeZone: FloatingZone) -> Date? {
        let tokens: [Substring] = text.utf8.split(whereSeparator: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) || $0 == 0x2C })
            .map { Substring(String(decoding: $0, as: UTF8.self)) }
            .map { token in
                let lower = token.lowercased()
                if token.count > 1, token.hasSuffix("."), lower != "a.m.", lower != "p.m.", lower != "kl." { return token.dropLast() }
                return token
            }
        var year: Int?, month: Int?, day: Int?
        var hour = 0, minute = 0, second = 0
        var sawTime = false
        var offset: Int?
        var pm: Bool?
        var numbers: [Int] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            let lower = token.lowercased()
            if let m = months[lower] ?? months[lower.hasSuffix(".") ? String(lower.dropLast()) : lower] {
                if month == nil { month = m }
                continue
            }
            if weekdays.contains(lower) { continue }
            if lower == "am" || lower == "a.m." { pm = false; continue }
            if lower == "pm" || lower == "p.m." { pm = true; continue }
            if !sawTime, token.utf8.contains(0x3A), let t = timeOfDay(token) {
                (hour, minute, second) = (t.0, t.1, t.2)
                sawTime = true
                if let z = t.3 { offset = z }
                continue
            }
            if let first = token.first, first == "+" || first == "-", sawTime || year != nil, let z = numericZone(token.dropFirst(), negative: first == "-") {
                offset = z
                continue
            }
            if sawTime || year != nil, token.utf8.count <= 4, let z = namedZones[token.uppercased()] {
                offset = z
                if index < tokens.count, let f = tokens[index].first, f == "+" || f == "-", let extra = numericZone(tokens[index].dropFirst(), negative: f == "-") {
                    offset = z + extra
                    index += 1
                }
                continue
            }
            if token.utf8.count <= 4, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                if let v = Int(token) {
                    if token.count == 4 { if year == nil { year = v } else { return nil } } else { numbers.append(v) }
                }
                continue
            }
            if token.count >= 3, token.allSatisfy({ $0.isLetter || $0 == "." }) {
                if month == nil && day == nil && year == nil && numbers.isEmpty { continue }  // leading prose: "den", "Sidan publicerades"
                if token.count > 4 { continue }
                return nil
            }
            if lower == "den" || lower == "kl" || lower == "kl." || lower == "at" || lower == "the" || lower == "of" { continue }
            return nil
        }
        guard let month else { return nil }
        for v in numbers {
            if day == nil, v >= 1, v <= 31 { day = v } else if year == nil { year = v < 100 ? (v < 70 ? 2000 + v : 1900 + v) : v } else { return nil }
        }
        guard let year, let day else { return nil }
        if let pm {
            if pm && hour < 12 { hour += 12 } else if !pm && hour == 12 { hour = 0 }
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset, floatingTimeZone: floatingTimeZone)
    }

    private static func timeOfDay(_ token: Substring) -> (Int, Int, Int, Int?)? {
        var t = token
        var zone: Int?
        if let signIndex = t.firstIndex(where: { $0 == "+" || $0 == "-" }) {
            zone = numericZone(t[t.index(after: signIndex)...], negative: t[signIndex] == "-")
            guard zone != nil else { return nil }
            t = t[..<signIndex]
        } else if t.hasSuffix("Z") {
            zone = 0
            t = t.dropLast()
        }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        guard let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        var s = 0
        if parts.count == 3 {
            guard let sec = Int(parts[2].prefix(while: { $0.isNumber })) else { return nil }
            s = sec
        }
        return (h, m, s, zone)
    }

    private static func numericZone(_ s: Substring, negative: Bool) -> Int? {
        let digits = s.filter { $0 != ":" }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count == 4 || digits.count == 2, let v = Int(digits) else { return nil }
        let secs = digits.count == 4 ? (v / 100) * 3600 + (v % 100) * 60 : v * 3600
        return negative ? -secs : secs
    }

    // MARK: assembling

    static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int?, floatingTimeZone: FloatingZone) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
            (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let local = Double(days * 86400 + hour * 3600 + minute * 60 + min(second, 59))
        if let offset { return Date(timeIntervalSince1970: local - Double(offset)) }
        let first = floatingTimeZone.secondsFromGMT(atUTC: Int(local))
        return Date(timeIntervalSince1970: local - Double(floatingTimeZone.secondsFromGMT(atUTC: Int(local) - first)))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, the archive's and the corpus's date form.
    static func rfc3339(_ date: Date) -> String { CivilDate.rfc3339(date) }
}
