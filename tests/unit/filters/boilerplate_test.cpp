// Unit tests for the boilerplate stage.
#include <catch2/catch.hpp>
