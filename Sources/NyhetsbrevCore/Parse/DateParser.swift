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

        /// The next field between runs of whitespace (space, tab, line breaks), moving past it; nil at the end.
        mutating func nextField() -> (start: Int, end: Int)? {
            while i < bytes.count, isFieldSeparator(bytes[i]) { i += 1 }
            guard i < bytes.count else { return nil }
            let start = i
            while i < bytes.count, !isFieldSeparator(bytes[i]) { i += 1 }
            return (start, i)
        }
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
                guard let z = namedZone(UnsafeBufferPointer(rebasing: c.bytes[c.i...])) else { return nil }
                offset = z
                c.i = c.bytes.count
            }
        }
        guard c.atEnd else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset, floatingTimeZone: floatingTimeZone)
    }

    // MARK: RFC 822

    /// The three-letter English month abbreviations, lower-cased, packed as `packed3` reads them.
    private static let englishMonthKeys: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map {
        var name = $0
        return name.withUTF8 { packed3($0.baseAddress!) }
    }

    /// Three bytes as one number, each with bit 0x20 set (lower case for ASCII letters).
    @inline(__always)
    private static func packed3(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UInt32(p[0] | 0x20) << 16 | UInt32(p[1] | 0x20) << 8 | UInt32(p[2] | 0x20)
    }

    /// The value of 1...4 ASCII digits at `all[start..<end]`; nil for anything else.
    @inline(__always)
    private static func number(_ all: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard end > start, end - start <= 4 else { return nil }
        var v = 0
        for k in start..<end {
            let c = all[k]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    /// The canonical RFC 822 shape, `[Wkd, ]D Mon YYYY HH:MM[:SS] ZONE`, read
    /// straight from the bytes because it is by far the most common date in
    /// feeds; every deviation falls through to the general reader. The
    /// fields between runs of whitespace are taken one after the other as
    /// offsets into the bytes: it is read for most entries of most feeds, and
    /// collecting the fields first and reading them as slices through nested
    /// functions cost a quarter more.
    static func rfc822(_ all: UnsafeBufferPointer<UInt8>, floatingTimeZone: FloatingZone) -> Date? {
        var c = Cursor(all)
        guard var dayField = c.nextField() else { return nil }
        // a weekday is told by its comma, and is then exactly three letters and the comma
        if all[dayField.end - 1] == 0x2C {
            guard dayField.end - dayField.start == 4, let next = c.nextField() else { return nil }
            dayField = next
        }
        guard let monthField = c.nextField(), let yearField = c.nextField(), let clock = c.nextField() else { return nil }
        let zoneField = c.nextField()
        guard c.nextField() == nil else { return nil }
        let yearLength = yearField.end - yearField.start
        guard dayField.end - dayField.start <= 2, let day = number(all, dayField.start, dayField.end),
            monthField.end - monthField.start == 3, let month = englishMonthKeys.firstIndex(of: packed3(all.baseAddress! + monthField.start)),
            yearLength == 4 || yearLength == 2, var year = number(all, yearField.start, yearField.end)
        else { return nil }
        if yearLength == 2 { year += year < 70 ? 2000 : 1900 }
        // HH:MM or HH:MM:SS, each part 1...4 digits
        var firstColon = clock.end, secondColon = clock.end
        for i in clock.start..<clock.end where all[i] == 0x3A {
            if firstColon == clock.end {
                firstColon = i
            } else if secondColon == clock.end {
                secondColon = i
            } else {
                return nil
            }
        }
        guard firstColon < clock.end, let hour = number(all, clock.start, firstColon), let minute = number(all, firstColon + 1, secondColon) else { return nil }
        var second = 0
        if secondColon < clock.end {
            guard let s = number(all, secondColon + 1, clock.end) else { return nil }
            second = s
        }
        var offset: Int?
        if let zoneField {
            let zone = UnsafeBufferPointer(rebasing: all[zoneField.start..<zoneField.end])
            if zone[0] == 0x2B || zone[0] == 0x2D {
                guard zone.count == 5, let v = number(zone, 1, 5) else { return nil }
                offset = (zone[0] == 0x2D ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
            } else {
                guard let z = namedZone(zone) else { return nil }
                offset = z
            }
        }
        return makeDate(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second, offset: offset, floatingTimeZone: floatingTimeZone)
    }

    @inline(__always) private static func isFieldSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// `namedZones` of the name upper-cased. An ASCII name is looked up by
    /// its bytes: every zone named there has one to four letters, so a name
    /// is packed into one number with its length and found in a short scan,
    /// without a String, upper-casing and hashing. Anything else is
    /// upper-cased by Unicode's rules, as that could make it ASCII ("ı" is "I").
    static func namedZone(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !name.contains(where: { $0 >= 0x80 }) else { return namedZones[String(decoding: name, as: UTF8.self).uppercased()] }
        guard let key = zoneKey(name) else { return nil }
        return packedZones.first { $0.key == key }?.offset
    }

    /// An ASCII name of one to four bytes, upper-cased, as one number (nil for any other length).
    private static func zoneKey(_ name: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard (1...4).contains(name.count) else { return nil }
        var key = UInt64(name.count)
        for b in name { key = key << 8 | UInt64(b >= 0x61 && b <= 0x7A ? b - 0x20 : b) }
        return key
    }

    private struct PackedZone {
        let key: UInt64
        let offset: Int
    }

    private static let packedZones: [PackedZone] = namedZones.map { name, offset in
        var name = name
        return PackedZone(key: name.withUTF8 { zoneKey($0)! }, offset: offset)
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
