package dev.judge.demo.auth;

import dev.judge.demo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account administration (ADMIN only). A changed role reaches access tokens at the next login and API
 * tokens at once; the last administrator cannot be demoted.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users", description = "Account administration")
public class UserController {
    private final UserRepository users;

    public UserController(UserRepository users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "List accounts (ADMIN)")
    public List<UserView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return users.page(page, size).stream().map(UserView::of).toList();
    }

    @PutMapping("/{id}/role")
    @Transactional
    @Operation(summary = "Change an account's role (ADMIN)")
    public UserView setRole(@PathVariable long id, @Valid @RequestBody RoleRequest request) {
        if (users.findById(id).isEmpty()) {
            throw ApiException.notFound("there is no account " + id);
        }
        if (!users.setRole(id, request.role())) {
            throw ApiException.conflict("the last administrator cannot be demoted");
        }
        return UserView.of(users.findById(id).orElseThrow());
    }
}
