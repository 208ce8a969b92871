//===- Views.cpp - tensors as strided views of memory ---------------------===//

#include "Views.h"

#include "llvm/ADT/STLExtras.h"

#include <deque>

using namespace hcgs;
using namespace hcgs::lower;

//===----------------------------------------------------------------------===//
// View
//===----------------------------------------------------------------------===//

int64_t View::getDimSize(int64_t dim) const {
  return Axis::getExtent(dims[dim]);
}

bool View::hasTimeAxis() const {
  return llvm::any_of(dims, [](const Dim &dim) {
    return llvm::any_of(dim, [](const Axis &axis) { return axis.time; });
  });
}

int64_t lower::getDenseWords(llvm::ArrayRef<int64_t> shape, int64_t maxSeqLen) {
  // Saturates far beyond any memory (2^40 words), so sums of a few stay in
  // range.
  constexpr int64_t kHuge = int64_t(1) << 40;
  int64_t words = 1;
  for (int64_t size : shape) {
    int64_t extent = size == kDynamicSize ? maxSeqLen : size;
    words = extent != 0 && words > kHuge / extent ? kHuge : words * extent;
  }
  return words;
}

/// Row-major strides of `extents`.
static llvm::SmallVector<int64_t>
rowMajorStrides(llvm::ArrayRef<int64_t> extents) {
  llvm::SmallVector<int64_t> strides(extents.size());
  int64_t stride = 1;
  for (int64_t d = static_cast<int64_t>(extents.size()) - 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= extents[d];
  }
  return strides;
}

View lower::makeDenseView(MemSpace space, int64_t base,
                          llvm::ArrayRef<int64_t> shape,
                          std::optional<int64_t> timeDim, int64_t maxSeqLen) {
  llvm::SmallVector<int64_t> extents;
  for (int64_t size : shape)
    extents.push_back(size == kDynamicSize ? maxSeqLen : size);
  llvm::SmallVector<int64_t> strides = rowMajorStrides(extents);
  View view{space, base, {}};
  for (auto [d, size] : llvm::enumerate(shape))
    view.dims.push_back(
        {Axis{size, strides[d],
              size == kDynamicSize ||
                  (timeDim && *timeDim == static_cast<int64_t>(d))}});
  return view;
}

View lower::makeStepView(int64_t base, llvm::ArrayRef<int64_t> shape,
                         int64_t timeDim) {
  llvm::SmallVector<int64_t> extents(shape);
  extents[timeDim] = 1;
  llvm::SmallVector<int64_t> strides = rowMajorStrides(extents);
  strides[timeDim] = 0;
  View view{MemSpace::Act, base, {}};
  for (auto [d, size] : llvm::enumerate(shape))
    view.dims.push_back(
        {Axis{size, strides[d], static_cast<int64_t>(d) == timeDim}});
  return view;
}

int64_t lower::getStepWords(llvm::ArrayRef<int64_t> shape, int64_t timeDim) {
  int64_t words = 1;
  for (auto [d, size] : llvm::enumerate(shape))
    if (static_cast<int64_t>(d) != timeDim)
      words *= size;
  return words;
}

View lower::transposeView(const View &view,
                          llvm::ArrayRef<int64_t> permutation) {
  View result{view.space, view.base, {}};
  for (int64_t dim : permutation)
    result.dims.push_back(view.dims[dim]);
  return result;
}

/// Axes that matter: those of more than one element.
static llvm::SmallVector<Axis> nonUnitAxes(llvm::ArrayRef<Axis> axes) {
  llvm::SmallVector<Axis> result;
  for (const Axis &axis : axes)
    if (axis.size != 1)
      result.push_back(axis);
  return result;
}

/// A dimension of one element.
static Dim unitDim() { return Dim{Axis{1, 0, false}}; }

/// Merges adjacent axes (outer into inner) where the outer one steps over
/// the whole inner one.
static llvm::SmallVector<Axis> mergeAxes(llvm::ArrayRef<Axis> axes) {
  llvm::SmallVector<Axis> merged;
  for (const Axis &axis : axes) {
    if (!merged.empty()) {
      Axis &outer = merged.back();
      if (!outer.time && !axis.time && !outer.isDynamic() &&
          !axis.isDynamic() && outer.stride == axis.size * axis.stride) {
        outer = Axis{outer.size * axis.size, axis.stride, false};
        continue;
      }
    }
    merged.push_back(axis);
  }
  return merged;
}

std::optional<View> lower::reshapeView(const View &view,
                                       llvm::ArrayRef<int64_t> shape) {
  // Contiguous axes merge first, so a new dimension may cut anywhere in
  // them.
  llvm::SmallVector<Axis> flat;
  for (const Dim &dim : view.dims)
    llvm::append_range(flat, nonUnitAxes(dim));
  std::deque<Axis> queue;
  int64_t staticIn = 1, dynamicIn = 0;
  for (const Axis &axis : mergeAxes(flat)) {
    queue.push_back(axis);
    if (axis.isDynamic())
      ++dynamicIn;
    else
      staticIn *= axis.size;
  }
  int64_t staticOut = 1, dynamicOut = 0;
  for (int64_t size : shape) {
    if (size == kDynamicSize)
      ++dynamicOut;
    else
      staticOut *= size;
  }
  if (dynamicIn != dynamicOut || dynamicOut > 1 || staticOut == 0 ||
      staticIn % staticOut != 0 || (!dynamicOut && staticIn != staticOut))
    return std::nullopt;

  View result{view.space, view.base, {}};
  for (int64_t size : shape) {
    bool needsDynamic = size == kDynamicSize;
    int64_t target = needsDynamic ? staticIn / staticOut : size;
    Dim dim;
    int64_t product = 1;
    bool tookDynamic = false;
    while (product < target || (needsDynamic && !tookDynamic)) {
      if (queue.empty())
        return std::nullopt;
      Axis &axis = queue.front();
      if (axis.isDynamic()) {
        if (!needsDynamic)
          return std::nullopt;
        dim.push_back(axis);
        queue.pop_front();
        tookDynamic = true;
        continue;
      }
      if (target % product != 0)
        return std::nullopt;
      int64_t needed = target / product;
      if (axis.size <= needed) {
        if (needed % axis.size != 0)
          return std::nullopt;
        dim.push_back(axis);
        product *= axis.size;
        queue.pop_front();
        continue;
      }
      // The dimension ends inside this axis: split it, outer part here.
      if (axis.size % needed != 0 || axis.time)
        return std::nullopt;
      int64_t inner = axis.size / needed;
      dim.push_back(Axis{needed, axis.stride * inner, false});
      axis.size = inner;
      product = target;
    }
    result.dims.push_back(dim.empty() ? unitDim() : dim);
  }
  if (!queue.empty())
    return std::nullopt;
  return result;
}

std::optional<View> lower::sliceView(const View &view,
                                     llvm::ArrayRef<int64_t> offsets,
                                     llvm::ArrayRef<int64_t> steps,
                                     llvm::ArrayRef<int64_t> shape) {
  View result{view.space, view.base, {}};
  for (int64_t d = 0, e = view.getRank(); d < e; ++d) {
    int64_t size = view.getDimSize(d), offset = offsets[d], step = steps[d];
    int64_t count = shape[d];
    bool whole = offset == 0 && (count == kDynamicSize || count == size) &&
                 (step == 1 || count == 1 || size == 1);
    if (whole) {
      result.dims.push_back(view.dims[d]);
      continue;
    }
    llvm::SmallVector<Axis> axes = nonUnitAxes(view.dims[d]);
    if (count == kDynamicSize || count < 1)
      return std::nullopt;
    if (axes.empty()) {
      // A dimension of one element: only its element can be taken.
      if (offset != 0 || count != 1)
        return std::nullopt;
      result.dims.push_back(unitDim());
      continue;
    }
    // Part of a static sequence is an ordinary dimension; a dynamic one
    // has no static part.
    if (llvm::any_of(axes, [](const Axis &axis) { return axis.isDynamic(); }))
      return std::nullopt;
    if (axes.size() == 1) {
      result.base += offset * axes[0].stride;
      result.dims.push_back(
          {Axis{count, count == 1 ? 0 : axes[0].stride * step, false}});
      continue;
    }
    // Several axes: a window of whole rows of the outermost one.
    int64_t inner = 1;
    for (const Axis &axis : llvm::ArrayRef(axes).drop_front())
      inner *= axis.size;
    if (step != 1 || offset % inner != 0 || count % inner != 0)
      return std::nullopt;
    result.base += (offset / inner) * axes[0].stride;
    Dim dim(axes.begin(), axes.end());
    dim[0].size = count / inner;
    result.dims.push_back(dim);
  }
  return result;
}

std::optional<View> lower::selectView(const View &view, int64_t dim,
                                      int64_t index) {
  llvm::SmallVector<int64_t> offsets(view.getRank(), 0),
      steps(view.getRank(), 1), shape;
  for (int64_t d = 0; d < view.getRank(); ++d)
    shape.push_back(view.getDimSize(d));
  offsets[dim] = index;
  shape[dim] = 1;
  std::optional<View> sliced = sliceView(view, offsets, steps, shape);
  if (!sliced)
    return std::nullopt;
  sliced->dims.erase(sliced->dims.begin() + dim);
  return sliced;
}

//===----------------------------------------------------------------------===//
// Instruction operands
//===----------------------------------------------------------------------===//

std::optional<Elements> lower::getElements(llvm::ArrayRef<Axis> axes) {
  llvm::SmallVector<Axis> merged = mergeAxes(nonUnitAxes(axes));
  if (llvm::any_of(merged, [](const Axis &axis) { return axis.time; }))
    return std::nullopt;
  if (merged.empty())
    return Elements{};
  if (merged.size() == 1)
    return merged[0].stride == 1 ? Elements{} : Elements{1, merged[0].stride};
  if (merged.size() == 2 && merged[1].stride == 1)
    return Elements{merged[1].size, merged[0].stride};
  return std::nullopt;
}

bool lower::offsetElements(VecRef &ref, int64_t offset, int64_t count) {
  if (ref.chunk == 0) {
    ref.base += offset;
    return true;
  }
  int64_t chunk = ref.chunk;
  if (offset % chunk == 0) {
    ref.base += (offset / chunk) * ref.chunkStride;
    return true;
  }
  if (offset % chunk + count <= chunk) {
    ref.base += (offset / chunk) * ref.chunkStride + offset % chunk;
    ref.chunk = 0;
    ref.chunkStride = 0;
    return true;
  }
  return false;
}

int64_t RowWalk::getNumOuter() const {
  int64_t count = 1;
  for (const PairedAxis &axis : outer)
    count *= axis.size;
  return count;
}

llvm::SmallVector<int64_t, 2> RowWalk::getOuterOffsets(int64_t index) const {
  llvm::SmallVector<int64_t, 2> offsets(batch.strides.size(), 0);
  for (const PairedAxis &axis : llvm::reverse(outer)) {
    int64_t digit = index % axis.size;
    index /= axis.size;
    for (auto [offset, stride] : llvm::zip(offsets, axis.strides))
      offset += digit * stride;
  }
  return offsets;
}

/// Cuts one dimension of every view alike, innermost axis first; appends
/// the paired axes outermost first.
static bool pairDim(llvm::ArrayRef<const View *> views, int64_t dim,
                    llvm::SmallVectorImpl<PairedAxis> &out) {
  size_t n = views.size();
  llvm::SmallVector<llvm::SmallVector<Axis>> lists;
  for (const View *view : views)
    lists.push_back(nonUnitAxes(view->dims[dim]));
  llvm::SmallVector<PairedAxis> inner; // innermost first
  while (true) {
    size_t empty =
        llvm::count_if(lists, [](auto &list) { return list.empty(); });
    if (empty == n)
      break;
    if (empty != 0)
      return false;
    bool dynamic = lists[0].back().isDynamic();
    PairedAxis paired;
    paired.strides.resize(n);
    if (dynamic) {
      for (auto &list : lists) {
        if (!list.back().isDynamic())
          return false;
      }
      paired.size = kDynamicSize;
      paired.time = true;
      for (size_t v = 0; v < n; ++v) {
        paired.strides[v] = lists[v].back().stride;
        lists[v].pop_back();
      }
      inner.push_back(paired);
      continue;
    }
    int64_t size = INT64_MAX;
    for (auto &list : lists) {
      if (list.back().isDynamic())
        return false;
      size = std::min(size, list.back().size);
    }
    paired.size = size;
    for (size_t v = 0; v < n; ++v) {
      Axis &axis = lists[v].back();
      paired.strides[v] = axis.stride;
      paired.time |= axis.time;
      if (axis.size == size) {
        lists[v].pop_back();
      } else {
        if (axis.size % size != 0 || axis.time)
          return false;
        axis.size /= size;
        axis.stride *= size;
      }
    }
    inner.push_back(paired);
  }
  out.append(inner.rbegin(), inner.rend());
  return true;
}

/// Pairs the first `numDims` dimensions and merges adjacent axes that every
/// view lets merge.
static std::optional<llvm::SmallVector<PairedAxis>>
pairAxes(llvm::ArrayRef<const View *> views, int64_t numDims) {
  llvm::SmallVector<PairedAxis> axes;
  for (int64_t d = 0; d < numDims; ++d)
    if (!pairDim(views, d, axes))
      return std::nullopt;
  llvm::SmallVector<PairedAxis> merged;
  for (PairedAxis &axis : axes) {
    if (!merged.empty() && !axis.time && !merged.back().time) {
      PairedAxis &outer = merged.back();
      bool mergeable = true;
      for (size_t v = 0; v < views.size(); ++v)
        mergeable &= outer.strides[v] == axis.size * axis.strides[v];
      if (mergeable) {
        outer.size *= axis.size;
        outer.strides = axis.strides;
        continue;
      }
    }
    merged.push_back(axis);
  }
  return merged;
}

/// Groups paired axes: the time axis, the innermost other one as the batch,
/// the rest outer.
static std::optional<RowWalk> groupRows(llvm::ArrayRef<PairedAxis> axes,
                                        size_t numViews) {
  RowWalk walk;
  walk.batch.strides.assign(numViews, 0);
  bool haveBatch = false;
  for (const PairedAxis &axis : llvm::reverse(axes)) {
    if (axis.time) {
      if (walk.time)
        return std::nullopt;
      walk.time = axis;
    } else if (!haveBatch) {
      walk.batch = axis;
      haveBatch = true;
    } else {
      walk.outer.insert(walk.outer.begin(), axis);
    }
  }
  return walk;
}

bool lower::sameLayout(const View &a, const View &b) {
  if (a.space != b.space || a.base != b.base || a.getRank() != b.getRank())
    return false;
  const View *views[] = {&a, &b};
  llvm::SmallVector<PairedAxis> axes;
  for (int64_t d = 0; d < a.getRank(); ++d)
    if (!pairDim(views, d, axes))
      return false;
  return llvm::all_of(axes, [](const PairedAxis &axis) {
    return axis.strides[0] == axis.strides[1];
  });
}

std::optional<RowWalk> lower::walkRows(llvm::ArrayRef<const View *> views,
                                       int64_t numDims) {
  std::optional<llvm::SmallVector<PairedAxis>> axes = pairAxes(views, numDims);
  if (!axes)
    return std::nullopt;
  return groupRows(*axes, views.size());
}

std::optional<CopyWalk> lower::walkCopy(const View &src, const View &dst) {
  const View *views[] = {&src, &dst};
  std::optional<llvm::SmallVector<PairedAxis>> axes =
      pairAxes(views, src.getRank());
  if (!axes)
    return std::nullopt;
  CopyWalk walk;
  Elements srcElements, dstElements;
  for (auto it = axes->rbegin(); it != axes->rend(); ++it) {
    if (it->time)
      continue;
    walk.count = it->size;
    auto elementsOf = [](int64_t stride) {
      return stride == 1 ? Elements{} : Elements{1, stride};
    };
    srcElements = elementsOf(it->strides[0]);
    dstElements = elementsOf(it->strides[1]);
    axes->erase(std::next(it).base());
    break;
  }
  std::optional<RowWalk> rows = groupRows(*axes, 2);
  if (!rows)
    return std::nullopt;
  walk.rows = *rows;
  std::optional<int64_t> srcTime, dstTime;
  if (rows->time) {
    srcTime = rows->time->strides[0];
    dstTime = rows->time->strides[1];
  }
  walk.src = makeRef(src, 0, rows->batch.strides[0], srcTime, TimeMode::Forward,
                     srcElements);
  walk.dst = makeRef(dst, 0, rows->batch.strides[1], dstTime, TimeMode::Forward,
                     dstElements);
  return walk;
}

VecRef lower::makeRef(const View &view, int64_t baseOffset, int64_t batchStride,
                      std::optional<int64_t> timeStride, TimeMode mode,
                      const Elements &elements) {
  VecRef ref;
  ref.space = view.space;
  ref.base = static_cast<uint32_t>(view.base + baseOffset);
  ref.batchStride = static_cast<uint32_t>(batchStride);
  if (timeStride && view.space == MemSpace::IO) {
    ref.time = mode;
    ref.timeStride = static_cast<uint32_t>(*timeStride);
  }
  ref.chunk = static_cast<uint32_t>(elements.chunk);
  ref.chunkStride = static_cast<uint32_t>(elements.chunkStride);
  return ref;
}

std::optional<VecRef> lower::makeTensorRef(const View &view,
                                           std::optional<int64_t> timeDim,
                                           std::optional<int64_t> batchDim,
                                           int64_t elementDim, TimeMode mode) {
  /// The stride of a dimension walked as one axis (0 if it has one element).
  auto singleStride = [&](int64_t dim) -> std::optional<int64_t> {
    llvm::SmallVector<Axis> axes = mergeAxes(nonUnitAxes(view.dims[dim]));
    if (axes.size() > 1)
      return std::nullopt;
    return axes.empty() ? 0 : axes[0].stride;
  };
  std::optional<int64_t> timeStride, batchStride = 0;
  for (int64_t d = 0; d < view.getRank(); ++d) {
    if (d == elementDim)
      continue;
    if (timeDim && d == *timeDim) {
      timeStride = singleStride(d);
      if (!timeStride)
        return std::nullopt;
    } else if (batchDim && d == *batchDim) {
      batchStride = singleStride(d);
      if (!batchStride)
        return std::nullopt;
    } else if (view.getDimSize(d) != 1) {
      return std::nullopt;
    }
  }
  std::optional<Elements> elements = getElements(view.dims[elementDim]);
  if (!elements)
    return std::nullopt;
  return makeRef(view, 0, *batchStride, timeStride, mode, *elements);
}
