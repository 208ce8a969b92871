//===- MvmKernel.cpp - an mvm's HCGS matrix, decoded for speed ------------===//

#include "MvmKernel.h"
#include "X86Intrinsics.h"

#include "hcgs/Runtime/Simulator/Arithmetic.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>

using namespace hcgs;
using namespace hcgs::sim;

namespace hcgs::sim {
/// The SIMD kernels below are free functions (they carry target
/// attributes); this gives them the kernel's fields.
struct MvmKernelAccess {
  const MvmKernel &k;
  int64_t segment() const { return k.segment; }
  int64_t pairs() const { return k.pairs; }
  const uint32_t *groupBegin() const { return k.groupBegin.data(); }
  const uint32_t *blockColumn() const { return k.blockColumn.data(); }
  const int16_t *weights() const { return k.weights.data(); }
  int64_t blockRows() const { return k.blockRows; }
  const int32_t *quarterRows() const { return k.quarterRows.data(); }
};
} // namespace hcgs::sim

namespace {

#ifdef HCGS_X86_KERNELS
/// Two int16 inputs as one int32 lane (low half first), as pmaddwd pairs
/// them.
inline int32_t loadPair(const int16_t *x) {
  int32_t pair;
  std::memcpy(&pair, x, sizeof(pair));
  return pair;
}

#define HCGS_VNNI __attribute__((target("avx512f,avx512bw,avx512vnni")))

/// Adds one block's products to two accumulators, even column pairs to
/// `even` and odd ones to `odd`. kPairs is the block's pairs of columns when
/// known at compile time (0: `pairs`).
template <int kPairs>
HCGS_VNNI inline void accumulateBlock(__m512i &even, __m512i &odd,
                                      const int16_t *w, const int16_t *xs,
                                      int64_t pairs, int64_t segment) {
  if constexpr (kPairs != 0)
    pairs = kPairs;
  int64_t pair = 0;
  for (; pair + 1 < pairs; pair += 2) {
    even = _mm512_dpwssd_epi32(even, _mm512_loadu_si512(w + pair * segment * 2),
                               _mm512_set1_epi32(loadPair(xs + 2 * pair)));
    odd = _mm512_dpwssd_epi32(
        odd, _mm512_loadu_si512(w + (pair + 1) * segment * 2),
        _mm512_set1_epi32(loadPair(xs + 2 * pair + 2)));
  }
  if (pair < pairs)
    even = _mm512_dpwssd_epi32(even, _mm512_loadu_si512(w + pair * segment * 2),
                               _mm512_set1_epi32(loadPair(xs + 2 * pair)));
}

/// 16 sums at a time: vpdpwssd adds w0 * x0 + w1 * x1 to each int32 lane.
/// Four accumulators (even and odd blocks, even and odd column pairs) keep
/// four vpdpwssd chains in flight: one chain waits on the instruction's
/// latency at every step. Integer sums are exact in any order. With
/// kRowOrder, each quarter of the 16 sums (4 rows of one row-set) goes
/// straight to its rows (MvmKernel::multiplyRows).
template <bool kRowOrder, int kPairs>
HCGS_VNNI void multiplyAvx512Vnni(const MvmKernel &kernel, const int16_t *x,
                                  int32_t *sums, int64_t firstGroup,
                                  int64_t endGroup) {
  MvmKernelAccess k{kernel};
  const int64_t segment = k.segment(), pairs = k.pairs();
  const int64_t blockWeights = pairs * segment * 2;
  const uint32_t *blockColumn = k.blockColumn();
  const int16_t *groupWeights =
      k.weights() + k.groupBegin()[firstGroup] * blockWeights;
  for (int64_t group = firstGroup; group < endGroup; ++group) {
    uint32_t begin = k.groupBegin()[group], end = k.groupBegin()[group + 1];
    for (int64_t lane = 0; lane < segment; lane += 16) {
      __m512i acc0 = _mm512_setzero_si512(), acc1 = _mm512_setzero_si512();
      __m512i acc2 = _mm512_setzero_si512(), acc3 = _mm512_setzero_si512();
      const int16_t *w = groupWeights + 2 * lane;
      uint32_t block = begin;
      for (; block + 1 < end; block += 2, w += 2 * blockWeights) {
        accumulateBlock<kPairs>(acc0, acc1, w, x + blockColumn[block], pairs,
                                segment);
        accumulateBlock<kPairs>(acc2, acc3, w + blockWeights,
                                x + blockColumn[block + 1], pairs, segment);
      }
      if (block < end)
        accumulateBlock<kPairs>(acc0, acc1, w, x + blockColumn[block], pairs,
                                segment);
      __m512i acc = _mm512_add_epi32(_mm512_add_epi32(acc0, acc1),
                                     _mm512_add_epi32(acc2, acc3));
      if constexpr (kRowOrder) {
        int32_t *rows = sums + group * k.blockRows();
        const int32_t *quarters = k.quarterRows() + lane / 4;
        _mm_storeu_si128(reinterpret_cast<__m128i *>(rows + quarters[0]),
                         _mm512_extracti32x4_epi32(acc, 0));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(rows + quarters[1]),
                         _mm512_extracti32x4_epi32(acc, 1));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(rows + quarters[2]),
                         _mm512_extracti32x4_epi32(acc, 2));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(rows + quarters[3]),
                         _mm512_extracti32x4_epi32(acc, 3));
      } else {
        _mm512_storeu_si512(sums + group * segment + lane, acc);
      }
    }
    groupWeights += (end - begin) * blockWeights;
  }
}

/// 8 sums at a time with vpmaddwd and vpaddd.
__attribute__((target("avx2"))) void
multiplyAvx2(const MvmKernel &kernel, const int16_t *x, int32_t *sums,
             int64_t firstGroup, int64_t endGroup) {
  MvmKernelAccess k{kernel};
  const int64_t segment = k.segment(), pairs = k.pairs();
  const int64_t blockWeights = pairs * segment * 2;
  const int16_t *groupWeights =
      k.weights() + k.groupBegin()[firstGroup] * blockWeights;
  for (int64_t group = firstGroup; group < endGroup; ++group) {
    uint32_t begin = k.groupBegin()[group], end = k.groupBegin()[group + 1];
    for (int64_t lane = 0; lane < segment; lane += 8) {
      __m256i acc = _mm256_setzero_si256();
      const int16_t *w = groupWeights + 2 * lane;
      for (uint32_t block = begin; block < end; ++block, w += blockWeights) {
        const int16_t *xs = x + k.blockColumn()[block];
        for (int64_t pair = 0; pair < pairs; ++pair) {
          __m256i weights = _mm256_loadu_si256(
              reinterpret_cast<const __m256i *>(w + pair * segment * 2));
          acc = _mm256_add_epi32(
              acc, _mm256_madd_epi16(
                       weights, _mm256_set1_epi32(loadPair(xs + 2 * pair))));
        }
      }
      _mm256_storeu_si256(
          reinterpret_cast<__m256i *>(sums + group * segment + lane), acc);
    }
    groupWeights += (end - begin) * blockWeights;
  }
}

/// 4 sums at a time with pmaddwd (SSE2, in every x86-64).
void multiplySse2(const MvmKernel &kernel, const int16_t *x, int32_t *sums,
                  int64_t firstGroup, int64_t endGroup) {
  MvmKernelAccess k{kernel};
  const int64_t segment = k.segment(), pairs = k.pairs();
  const int64_t blockWeights = pairs * segment * 2;
  const int16_t *groupWeights =
      k.weights() + k.groupBegin()[firstGroup] * blockWeights;
  for (int64_t group = firstGroup; group < endGroup; ++group) {
    uint32_t begin = k.groupBegin()[group], end = k.groupBegin()[group + 1];
    for (int64_t lane = 0; lane < segment; lane += 4) {
      __m128i acc = _mm_setzero_si128();
      const int16_t *w = groupWeights + 2 * lane;
      for (uint32_t block = begin; block < end; ++block, w += blockWeights) {
        const int16_t *xs = x + k.blockColumn()[block];
        for (int64_t pair = 0; pair < pairs; ++pair) {
          __m128i weights = _mm_loadu_si128(
              reinterpret_cast<const __m128i *>(w + pair * segment * 2));
          acc = _mm_add_epi32(
              acc,
              _mm_madd_epi16(weights, _mm_set1_epi32(loadPair(xs + 2 * pair))));
        }
      }
      _mm_storeu_si128(
          reinterpret_cast<__m128i *>(sums + group * segment + lane), acc);
    }
    groupWeights += (end - begin) * blockWeights;
  }
}
#endif

} // namespace

int64_t MvmKernel::estimateBytes(const mc::enc::MvmInst &mvm,
                                 const mc::MvmShape &shape) {
  const mc::MvmShape::Level &finest = shape.levels.back();
  int64_t pairs = (finest.blockCols + 1) / 2;
  int64_t weights = shape.numBlocks * pairs * 2 * mvm.gates * finest.blockRows;
  // Per block: two position lists while walking, then its column.
  int64_t perBlock = 2 * 8 + 4;
  int64_t groups = shape.rows / finest.blockRows + 1;
  return weights * int64_t(sizeof(int16_t)) + shape.numBlocks * perBlock +
         groups * 4;
}

MvmKernel::MvmKernel(const mc::enc::MvmInst &mvm, const mc::MvmShape &shape,
                     const Target &target, const uint8_t *weightMemory,
                     const uint8_t *indexMemory, bool vectorKernels) {
  const mc::MvmShape::Level &finest = shape.levels.back();
  gates = mvm.gates;
  blockRows = finest.blockRows;
  blockCols = finest.blockCols;
  pairs = (blockCols + 1) / 2;
  segment = gates * blockRows;
  numGroups = shape.rows / blockRows;
  numColumns = shape.cols;

  // Walk the index level by level (docs/ISA.md 7.2, 7.3): the positions of
  // the kept blocks, in array order.
  // Rows and columns are below 2^19 (12-bit grids of 128-wide blocks).
  struct Position {
    uint32_t row, col;
  };
  std::vector<Position> kept, children;
  for (size_t level = 0; level < shape.levels.size(); ++level) {
    const mc::MvmShape::Level &info = shape.levels[level];
    uint64_t base = uint64_t(mvm.index) + shape.levelOffsets[level];
    unsigned bits = static_cast<unsigned>(info.fieldBits);
    uint64_t field = 0;
    children.clear();
    children.reserve(info.numRows * info.keep);
    auto readColumn = [&] {
      return static_cast<int64_t>(readUField(indexMemory, base, bits, field++));
    };
    if (level == 0) {
      for (int64_t row = 0; row < info.numRows; ++row)
        for (int64_t k = 0; k < info.keep; ++k)
          children.push_back(
              {static_cast<uint32_t>(row * info.blockRows),
               static_cast<uint32_t>(readColumn() * info.blockCols)});
    } else {
      int64_t subRows = shape.levels[level - 1].blockRows / info.blockRows;
      for (const Position &parent : kept)
        for (int64_t sub = 0; sub < subRows; ++sub)
          for (int64_t k = 0; k < info.keep; ++k)
            children.push_back(
                {static_cast<uint32_t>(parent.row + sub * info.blockRows),
                 static_cast<uint32_t>(parent.col +
                                       readColumn() * info.blockCols)});
    }
    kept.swap(children);
  }
  assert(static_cast<int64_t>(kept.size()) == shape.numBlocks);

  // Group the blocks by block-row, keeping stream order within a group.
  groupBegin.assign(numGroups + 1, 0);
  for (const Position &block : kept)
    ++groupBegin[block.row / blockRows + 1];
  uint32_t largestGroup = 0;
  for (int64_t group = 0; group < numGroups; ++group) {
    largestGroup = std::max(largestGroup, groupBegin[group + 1]);
    groupBegin[group + 1] += groupBegin[group];
  }
  std::vector<uint32_t> next(groupBegin.begin(), groupBegin.end() - 1);
  blockColumn.assign(kept.size(), 0);
  int64_t blockWeights = pairs * segment * 2;
  weights.assign(kept.size() * blockWeights, 0);
  unsigned weightBits = static_cast<unsigned>(target.weightBits);
  for (size_t stream = 0; stream < kept.size(); ++stream) {
    uint32_t slot = next[kept[stream].row / blockRows]++;
    blockColumn[slot] = static_cast<uint32_t>(kept[stream].col);
    int16_t *out = weights.data() + slot * blockWeights;
    for (int64_t gate = 0; gate < gates; ++gate)
      for (int64_t rr = 0; rr < blockRows; ++rr)
        for (int64_t cc = 0; cc < blockCols; ++cc) {
          uint64_t field = (stream * gates + gate) * blockRows * blockCols +
                           rr * blockCols + cc;
          int64_t i = gate * blockRows + rr;
          out[((cc / 2) * segment + i) * 2 + cc % 2] = static_cast<int16_t>(
              readSField(weightMemory, mvm.weights, weightBits, field));
        }
  }

  // Every partial sum is a sum of at most `terms` products of a weight and
  // an input, each at most 2^(weight_bits - 1) * 2^(act_bits - 1).
  int64_t terms = int64_t(largestGroup) * blockCols;
  int productBits = static_cast<int>(target.weightBits + target.actBits - 2);
  exactInInt32 =
      terms <= (int64_t(std::numeric_limits<int32_t>::max()) >> productBits);

#ifdef HCGS_X86_KERNELS
  if (exactInInt32 && vectorKernels) {
    __builtin_cpu_init();
    if (segment % 16 == 0 && __builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vnni")) {
      // 4-column blocks (two pairs), the usual finest level, unrolled.
      bool twoPairs = pairs == 2;
      fastKernel = twoPairs ? multiplyAvx512Vnni<false, 2>
                            : multiplyAvx512Vnni<false, 0>;
      if (blockRows % 4 == 0) {
        // Quarter q of the segment holds rows 4q.. of one row-set.
        for (int64_t i = 0; i < segment; i += 4)
          quarterRows.push_back(static_cast<int32_t>(
              (i / blockRows) * getNumRows() + i % blockRows));
        rowKernel = twoPairs ? multiplyAvx512Vnni<true, 2>
                             : multiplyAvx512Vnni<true, 0>;
      }
    } else if (segment % 8 == 0 && __builtin_cpu_supports("avx2"))
      fastKernel = multiplyAvx2;
    else if (segment % 4 == 0)
      fastKernel = multiplySse2;
  }
#endif
}

template <typename Sum>
void MvmKernel::multiplyGeneric(const int16_t *x, Sum *sums,
                                GroupRange groups) const {
  const int16_t *w =
      weights.data() + groupBegin[groups.begin] * pairs * segment * 2;
  for (int64_t group = groups.begin; group < groups.end; ++group) {
    Sum *out = sums + group * segment;
    std::fill(out, out + segment, Sum(0));
    for (uint32_t block = groupBegin[group]; block < groupBegin[group + 1];
         ++block) {
      const int16_t *xs = x + blockColumn[block];
      for (int64_t pair = 0; pair < pairs; ++pair, w += 2 * segment) {
        Sum x0 = xs[2 * pair], x1 = xs[2 * pair + 1];
        for (int64_t i = 0; i < segment; ++i)
          out[i] += Sum(w[2 * i]) * x0 + Sum(w[2 * i + 1]) * x1;
      }
    }
  }
}

void MvmKernel::multiplyPortable(const int16_t *x, int32_t *sums,
                                 GroupRange groups) const {
  assert(exactInInt32 && "int32 sums could overflow");
  multiplyGeneric(x, sums, resolve(groups));
}

void MvmKernel::multiplyPortable(const int16_t *x, int64_t *sums,
                                 GroupRange groups) const {
  multiplyGeneric(x, sums, resolve(groups));
}

void MvmKernel::multiply(const int16_t *x, int32_t *sums,
                         GroupRange groups) const {
  groups = resolve(groups);
  if (fastKernel)
    return fastKernel(*this, x, sums, groups.begin, groups.end);
  multiplyGeneric(x, sums, groups);
}

void MvmKernel::multiply(const int16_t *x, int64_t *sums,
                         GroupRange groups) const {
  multiplyGeneric(x, sums, resolve(groups));
}

void MvmKernel::multiplyRows(const int16_t *x, int32_t *rows, int32_t *scratch,
                             GroupRange groups) const {
  groups = resolve(groups);
  if (rowKernel)
    return rowKernel(*this, x, rows, groups.begin, groups.end);
  multiply(x, scratch, groups);
  unpackRows(scratch, rows, groups);
}

void MvmKernel::unpackRows(const int32_t *sums, int32_t *rows,
                           GroupRange groups) const {
  groups = resolve(groups);
  int64_t numRows = getNumRows();
  for (int64_t group = groups.begin; group < groups.end; ++group)
    for (int64_t gate = 0; gate < gates; ++gate) {
      const int32_t *from = sums + group * segment + gate * blockRows;
      int32_t *to = rows + gate * numRows + group * blockRows;
      if (blockRows == 4) // the common finest block: one 16-byte move
        std::memcpy(to, from, 4 * sizeof(int32_t));
      else
        std::copy_n(from, blockRows, to);
    }
}

std::vector<int64_t> MvmKernel::splitGroups(int64_t parts) const {
  // Group g ends where its blocks end: cut at the first group whose end
  // reaches each part's share of the blocks (plus one so empty groups count).
  std::vector<int64_t> cuts{0};
  int64_t total = getNumBlocks() + numGroups;
  for (int64_t part = 1; part < parts; ++part) {
    int64_t share = total * part / parts, group = cuts.back();
    while (group < numGroups && groupBegin[group + 1] + group + 1 <= share)
      ++group;
    cuts.push_back(group);
  }
  cuts.push_back(numGroups);
  return cuts;
}
