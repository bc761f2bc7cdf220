# goldthread — the two commands: `make run` and `make test`.
.PHONY: run test setup build clean format bench

BUILD ?= build/release

setup:
	@bash scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@ninja -C $(BUILD) -j2 goldthread

run: build
	@mkdir -p var
	$(BUILD)/goldthread serve

test:
	@bash scripts/test.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf build
