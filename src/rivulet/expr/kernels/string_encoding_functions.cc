// Encoding functions on strings and binary: hex, base64, unbase64, crc32.
#include <array>

#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/kernels/function_util.h"
#include "rivulet/expr/kernels/kernel_util.h"

namespace rivulet::expr {

namespace {

using Args = std::vector<ExprPtr>;
using Vectors = std::vector<VectorPtr>;

constexpr char kHexDigits[] = "0123456789ABCDEF";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void registerHex() {
  registerSimple(
      "hex",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        const auto& t = args[0]->type();
        ExprPtr a;
        if (t->isIntegral()) {
          a = implicitCast(call, args, 0, DataType::longType());
        } else if (t->id() == TypeId::kBinary || t->id() == TypeId::kString) {
          a = args[0];
        } else {
          throwUnexpectedInputType(call, 0, args[0], "BIGINT\" or \"BINARY\" or \"STRING");
        }
        return ResolvedCall{{a}, DataType::string(), args[0]->nullable()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const Vector& in = *a[0];
        StringWriter w(call.type(), n, in.typeId() == TypeId::kLong ? static_cast<size_t>(n) * 16 : in.bytes().size() * 2);
        propagateNulls(w.vector(), {&in});
        for (int64_t i = 0; i < n; ++i) {
          if (!in.isNull(i)) {
            if (in.typeId() == TypeId::kLong) {
              auto v = static_cast<uint64_t>(in.values<int64_t>()[i]);
              char buf[16];
              int len = 0;
              do {
                buf[15 - len++] = kHexDigits[v & 15];
                v >>= 4;
              } while (v != 0);
              w.append(std::string_view(buf + 16 - len, static_cast<size_t>(len)));
            } else {
              std::string_view s = in.stringAt(i);
              char* dst = w.reserve(s.size() * 2);
              for (size_t k = 0; k < s.size(); ++k) {
                auto b = static_cast<uint8_t>(s[k]);
                dst[2 * k] = kHexDigits[b >> 4];
                dst[2 * k + 1] = kHexDigits[b & 15];
              }
            }
          }
          w.finishRow(i);
        }
        return w.finish();
      });
}

void registerBase64() {
  registerSimple(
      "base64",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        return ResolvedCall{{implicitCast(call, args, 0, DataType::binary())}, DataType::string(), args[0]->nullable()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        const Vector& in = *a[0];
        StringWriter w(call.type(), n, in.bytes().size() * 4 / 3 + static_cast<size_t>(n) * 4);
        propagateNulls(w.vector(), {&in});
        for (int64_t i = 0; i < n; ++i) {
          if (!in.isNull(i)) {
            std::string_view s = in.stringAt(i);
            char* dst = w.reserve((s.size() + 2) / 3 * 4);
            size_t o = 0;
            size_t k = 0;
            for (; k + 2 < s.size(); k += 3) {
              uint32_t v = (static_cast<uint8_t>(s[k]) << 16) | (static_cast<uint8_t>(s[k + 1]) << 8) |
                           static_cast<uint8_t>(s[k + 2]);
              dst[o++] = kBase64[v >> 18];
              dst[o++] = kBase64[(v >> 12) & 63];
              dst[o++] = kBase64[(v >> 6) & 63];
              dst[o++] = kBase64[v & 63];
            }
            if (k < s.size()) {
              uint32_t v = static_cast<uint8_t>(s[k]) << 16;
              if (k + 1 < s.size()) {
                v |= static_cast<uint8_t>(s[k + 1]) << 8;
              }
              dst[o++] = kBase64[v >> 18];
              dst[o++] = kBase64[(v >> 12) & 63];
              dst[o++] = k + 1 < s.size() ? kBase64[(v >> 6) & 63] : '=';
              dst[o++] = '=';
            }
          }
          w.finishRow(i);
        }
        return w.finish();
      });
  registerSimple(
      "unbase64",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        return ResolvedCall{{implicitCast(call, args, 0, DataType::string())}, DataType::binary(), args[0]->nullable()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression& call) {
        std::array<int8_t, 256> decode;
        decode.fill(-1);
        for (int k = 0; k < 64; ++k) {
          decode[static_cast<uint8_t>(kBase64[k])] = static_cast<int8_t>(k);
        }
        const Vector& in = *a[0];
        StringWriter w(call.type(), n, in.bytes().size());
        propagateNulls(w.vector(), {&in});
        for (int64_t i = 0; i < n; ++i) {
          if (!in.isNull(i)) {
            // MIME decoding: characters outside the alphabet are skipped; '=' ends the data.
            std::string_view s = in.stringAt(i);
            char* dst = w.reserve(s.size() * 3 / 4 + 3);
            size_t o = 0;
            uint32_t acc = 0;
            int bits = 0;
            for (char c : s) {
              if (c == '=') {
                break;
              }
              int8_t d = decode[static_cast<uint8_t>(c)];
              if (d < 0) {
                continue;
              }
              acc = (acc << 6) | static_cast<uint32_t>(d);
              bits += 6;
              if (bits >= 8) {
                bits -= 8;
                dst[o++] = static_cast<char>((acc >> bits) & 0xFF);
              }
            }
            w.commit(o);
          }
          w.finishRow(i);
        }
        return w.finish();
      });
}

void registerCrc32() {
  registerSimple(
      "crc32",
      [](const Args& args, const Expression& call) {
        checkArgCount(call, args, 1, 1);
        return ResolvedCall{{implicitCast(call, args, 0, DataType::binary())}, DataType::longType(), args[0]->nullable()};
      },
      [](const Vectors& a, int64_t n, EvalContext&, const Expression&) {
        static const std::array<uint32_t, 256> table = [] {
          std::array<uint32_t, 256> t{};
          for (uint32_t k = 0; k < 256; ++k) {
            uint32_t c = k;
            for (int b = 0; b < 8; ++b) {
              c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[k] = c;
          }
          return t;
        }();
        auto out = Vector::make(DataType::longType(), n);
        propagateNulls(*out, {a[0].get()});
        int64_t* r = out->values<int64_t>();
        for (int64_t i = 0; i < n; ++i) {
          uint32_t c = 0xFFFFFFFFu;
          for (char ch : a[0]->stringAt(i)) {
            c = table[(c ^ static_cast<uint8_t>(ch)) & 0xFF] ^ (c >> 8);
          }
          r[i] = static_cast<int64_t>(c ^ 0xFFFFFFFFu);
        }
        return out;
      });
}

}  // namespace

void registerStringEncodingFunctions() {
  registerHex();
  registerBase64();
  registerCrc32();
}

}  // namespace rivulet::expr
