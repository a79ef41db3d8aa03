import Foundation

/// Descent's logo for the Jupyter launcher: a ball rolling down an error
/// bowl. As SVG, and as PNG for front ends that only take PNG logos.
enum KernelLogo {
  static let svg = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
    <rect width="64" height="64" rx="10" fill="#1f3b57"/>
    <path d="M8 12 Q32 84 56 12" fill="none" stroke="#7fc8f8" stroke-width="5" stroke-linecap="round"/>
    <circle cx="20" cy="33" r="7" fill="#f4a259"/>
    </svg>

    """

  /// The same picture drawn into a `size`×`size` RGBA PNG.
  static func png(size: Int) -> [UInt8] {
    let scale = Double(size) / 64
    var rows: [UInt8] = []
    for y in 0..<size {
      rows.append(0)  // PNG filter type "none" for the row
      for x in 0..<size {
        let (px, py) = ((Double(x) + 0.5) / scale, (Double(y) + 0.5) / scale)
        // The bowl: a parabola through (8, 12), (32, 48) and (56, 12), as in the SVG.
        let curve = 12 + 36 * (1 - pow((px - 32) / 24, 2))
        var color: [UInt8] = [0x1f, 0x3b, 0x57, 255]
        if hypot(px - 20, py - 33) <= 7 {
          color = [0xf4, 0xa2, 0x59, 255]
        } else if px >= 6, px <= 58, abs(py - curve) <= 2.5 {
          color = [0x7f, 0xc8, 0xf8, 255]
        }
        rows += color
      }
    }
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    out += chunk("IHDR", bigEndian(UInt32(size)) + bigEndian(UInt32(size)) + [8, 6, 0, 0, 0])
    out += chunk("IDAT", zlibStored(rows))
    out += chunk("IEND", [])
    return out
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 255), UInt8(value >> 8 & 255), UInt8(value & 255)]
  }

  private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
  }

  /// A zlib stream of uncompressed ("stored") deflate blocks: no
  /// compression library needed for a 16 KB picture.
  private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let length = min(65535, data.count - offset)
      let last: UInt8 = offset + length == data.count ? 1 : 0
      out += [last, UInt8(length & 255), UInt8(length >> 8), UInt8(~length & 255), UInt8((~length >> 8) & 255)]
      out += data[offset..<(offset + length)]
      offset += length
    } while offset < data.count
    var (a, b): (UInt32, UInt32) = (1, 0)
    for byte in data {
      a = (a + UInt32(byte)) % 65521
      b = (b + a) % 65521
    }
    return out + bigEndian(b << 16 | a)
  }

  private static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
