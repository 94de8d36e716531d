#include "rivulet/api/option_setters.h"

#include "rivulet/types/number_format.h"

namespace rivulet {

std::string optionValueString(double value) { return formatDouble(value); }

}  // namespace rivulet
