// What no Debian package lists: the short country names newspapers use,
// continents and world regions, and demonyms. Data only; gazetteer.cpp loads it.
#pragma once

#include <span>
#include <string_view>
#include <utility>

namespace winnow::filters::detail {

/// The name a newspaper uses where ISO 3166-1 has a longer one ("Russia" for
/// "Russian Federation"), by alpha-2 code; nullptr when ISO's name is it.
[[nodiscard]] const char* newspaper_country_name(std::string_view alpha_2);

/// Other names of a country in news text ("US", "Britain", "Ivory Coast").
[[nodiscard]] std::span<const std::string_view> country_aliases(std::string_view alpha_2);

/// Continents, world and geographic regions, seas and major natural features.
[[nodiscard]] std::span<const std::string_view> world_regions();

/// Demonym (singular adjective) -> the place's gazetteer name.
[[nodiscard]] std::span<const std::pair<std::string_view, std::string_view>> demonym_table();

}  // namespace winnow::filters::detail
