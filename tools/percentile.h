// The p-quantile (0 <= p <= 1) of benchmark samples, nearest rank; 0 for no samples.
#ifndef OSPREY_TOOLS_PERCENTILE_H_
#define OSPREY_TOOLS_PERCENTILE_H_

#include <algorithm>
#include <cstddef>
#include <vector>

namespace osprey::tools {

inline double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index),
                   values.end());
  return values[index];
}

}  // namespace osprey::tools

#endif  // OSPREY_TOOLS_PERCENTILE_H_
